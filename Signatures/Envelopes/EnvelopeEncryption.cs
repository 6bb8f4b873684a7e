using Microsoft.Extensions.Options;
using Platform.Cryptography.Cms;
using Platform.Http;

namespace Signatures.Envelopes;

/// <summary>
/// Encrypts a document to recipient certificates of the platform's CA (<see cref="RecipientCertificates"/>)
/// with the platform's one envelope writer. Public keys only: nothing secret is used, so nothing is audited.
/// </summary>
internal sealed class EnvelopeEncryption(RecipientCertificates certificates, IOptions<SignaturesOptions> options)
{
    /// <summary>The most recipients one envelope is written for.</summary>
    public const int MaxRecipients = 16;

    public async Task<EnvelopeResult<EncryptResponse>> EncryptAsync(EncryptRequest request, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxContentBytes;
        if (Base64Content.Decode(request.Content, maxBytes) is not { } content)
        {
            return request.Content is { Length: > 0 } && Base64Content.IsBase64(request.Content)
                ? EnvelopeResult<EncryptResponse>.Refused(ProblemCodes.BodyTooLarge, $"content is at most {maxBytes} bytes (Signatures:MaxContentBytes).")
                : EnvelopeResult<EncryptResponse>.Refused(ProblemCodes.EncryptionContentInvalid, "content is required: the document to encrypt, in base64.");
        }

        var encryption = CmsContentEncryption.Aes256Gcm;
        if (request.ContentEncryption is not null && !CmsContentEncryptionNames.TryParse(request.ContentEncryption, out encryption))
        {
            return EnvelopeResult<EncryptResponse>.Refused(ProblemCodes.EncryptionAlgorithmUnsupported,
                $"contentEncryption is one of {string.Join(", ", CmsContentEncryptionNames.All)}.");
        }

        if (request.Recipients is not { Count: > 0 and <= MaxRecipients } pems)
        {
            return EnvelopeResult<EncryptResponse>.Refused(ProblemCodes.EncryptionRecipientsInvalid, $"recipients is a list of 1 to {MaxRecipients} PEM certificates.");
        }

        if (!certificates.IsAvailable)
        {
            return EnvelopeResult<EncryptResponse>.Refused(ProblemCodes.EncryptionUnavailable, "This node runs no CA to check recipient certificates against.");
        }

        var recipients = new List<CmsRecipient>(pems.Count);
        for (var i = 0; i < pems.Count; i++)
        {
            var check = await certificates.CheckAsync(pems[i], i, cancellationToken);
            if (check.Recipient is null)
            {
                return EnvelopeResult<EncryptResponse>.Refused(check.Code!, check.Detail!);
            }

            recipients.Add(check.Recipient);
        }

        return new(new EncryptResponse(Convert.ToBase64String(CmsEnvelopeWriter.Seal(content, recipients, encryption))));
    }
}
