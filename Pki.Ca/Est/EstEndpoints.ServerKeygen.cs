using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Issuance;
using Pki.Ca.Registration;
using Platform.Cryptography;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;

namespace Pki.Ca.Est;

/// <summary>
/// <c>serverkeygen</c> (RFC 7030 §4.4): the client sends a CSR for the subject and names it wants;
/// the server makes a key of the CSR's key type, issues the certificate for it as
/// <c>simpleenroll</c> (one-time secret) or <c>simplereenroll</c> (TLS client certificate) would,
/// and answers <c>multipart/mixed</c>: the private key encrypted to the requester (the TLS client
/// certificate's key, else the CSR's key, whose possession the CSR's signature proved), then the
/// certificate as certs-only. The key is checked to be encryptable before anything is issued.
/// </summary>
internal static partial class EstEndpoints
{
    private const string ServerKeyType = "application/pkcs7-mime; smime-type=server-generated-key";

    private static async Task ServerKeygenAsync(HttpContext context, string? label)
    {
        const string action = RegistrationEvents.ServerKeygen;
        var department = label is null ? null : await DepartmentAsync(context, label, action);
        if (label is not null && department is null)
        {
            return;
        }

        var credentials = BasicCredentials(context);
        var current = credentials is null
            ? await CurrentCertificateAsync(context, action,
                "Server-side key generation is authenticated with HTTP Basic (a one-time enrollment secret) or with the TLS client certificate it renews.")
            : null;
        if (credentials is null && current is null)
        {
            return;
        }

        if (await CsrAsync(context, action) is not var (der, pem))
        {
            return;
        }

        var (csr, parseError) = CsrParser.Parse(pem);
        if (parseError is not null)
        {
            await RefuseAsync(context, action, parseError.Code, parseError.Message);
            return;
        }

        var certificate = current is null ? null : X509CertificateStructure.GetInstance(current.Certificate);
        var recipient = certificate?.SubjectPublicKeyInfo ?? csr!.PublicKey;
        if (!ServerGeneratedKey.CanGenerate(csr!.Key.Algorithm) || !PrivateKeyEnvelope.CanEncryptTo(PublicKeys.Describe(recipient).Algorithm))
        {
            await RefuseAsync(context, action, ProblemCodes.ServerKeygenUnsupported,
                $"The server makes RSA, ECDSA P-256/P-384 and SM2 keys (the CSR has {csr.Key.Description}) and encrypts them to an RSA or ECDSA P-256/P-384 key "
                + $"(the {(certificate is null ? "CSR's" : "client certificate's")} is {PublicKeys.Describe(recipient).Description}).");
            return;
        }

        if (current is not null && RenewalRefusal(csr, current, department) is var (code, detail))
        {
            await RefuseAsync(context, action, code, detail);
            return;
        }

        using var key = ServerGeneratedKey.For(csr, der);
        byte[]? issued;
        if (credentials is var (id, secret))
        {
            var enrolled = await context.RequestServices.GetRequiredService<RegistrationAuthority>().EnrollAsync(id, secret, key.CsrPem,
                context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier, context.RequestAborted, label, action);
            if (enrolled.Value is null)
            {
                await RecordedRefusalAsync(context, enrolled.Code!, enrolled.Detail!);
                return;
            }

            issued = enrolled.Value.Record.Certificate;
        }
        else
        {
            var result = await context.RequestServices.GetRequiredService<CertificateIssuer>().IssueAsync(new IssuanceRequest(key.CsrPem, current!.Profile,
                HttpAuditContext.Actor(context), context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier), context.RequestAborted);
            if (result.Error is { } error)
            {
                await RecordedRefusalAsync(context, error.Code, error.Message);
                return;
            }

            issued = result.Issued!.Record.Certificate;
        }

        await MultipartAsync(context, PrivateKeyEnvelope.Seal(key.Pkcs8, recipient, certificate), issued);
    }

    /// <summary>RFC 7030 §4.4.2: the encrypted key part, then the certs-only part, each base64.</summary>
    private static async Task MultipartAsync(HttpContext context, byte[] envelope, byte[] certificate)
    {
        var boundary = "est-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var body = $"--{boundary}\r\nContent-Type: {ServerKeyType}\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Convert.ToBase64String(envelope, Base64FormattingOptions.InsertLineBreaks) + "\r\n"
            + $"--{boundary}\r\nContent-Type: {CertsOnlyType}\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + CertsOnlyBase64([certificate])
            + $"--{boundary}--\r\n";
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = $"multipart/mixed; boundary={boundary}";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
