using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Pki.Ca.Acme.Validation;

/// <summary>
/// Checks one challenge (RFC 8555 §8.3 http-01, §8.4 dns-01, RFC 8737 tls-alpn-01) for a DNS
/// name, within <c>Pki:Acme:Validation:Timeout</c>: null when the name's holder answered with the
/// key authorization, else the refusal saying what was seen.
/// </summary>
internal sealed class ChallengeValidator(IOptions<CaOptions> options, ValidationResolver resolver, Http01Validation http01, TlsAlpn01Validation tlsAlpn01)
{
    public async Task<AcmeRefusal?> ValidateAsync(string type, string name, string keyAuthorization, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Acme.Validation.Timeout);
        try
        {
            return type switch
            {
                ChallengeKinds.Http01 => await http01.ValidateAsync(name, keyAuthorization, deadline.Token),
                ChallengeKinds.Dns01 => await Dns01Async(name, keyAuthorization, deadline.Token),
                _ => await tlsAlpn01.ValidateAsync(name, keyAuthorization, deadline.Token),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AcmeRefusal(AcmeProblems.Connection, $"The {type} validation of {name} took longer than {options.Value.Acme.Validation.Timeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>The TXT value dns-01 wants: base64url of the key authorization's SHA-256.</summary>
    public static string Dns01Value(string keyAuthorization) => Jws.Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(keyAuthorization)));

    private async Task<AcmeRefusal?> Dns01Async(string name, string keyAuthorization, CancellationToken cancellationToken)
    {
        var record = "_acme-challenge." + name;
        var texts = await resolver.TextAsync(record, cancellationToken);
        if (texts is null)
        {
            return new AcmeRefusal(AcmeProblems.Dns, $"The DNS lookup of TXT {record} failed.");
        }

        var expected = Dns01Value(keyAuthorization);
        return texts.Contains(expected, StringComparer.Ordinal)
            ? null
            : new AcmeRefusal(AcmeProblems.IncorrectResponse, texts.Count == 0
                ? $"There is no TXT record at {record}."
                : $"None of the {texts.Count} TXT records at {record} is the challenge's value.");
    }
}
