using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Issuance.Load;

namespace Identity.Load;

/// <summary>
/// Sets the application up on the platform as an operator would: the CA issues its tls-client
/// certificate, and the administrator registers it for <c>tls_client_auth</c> with that
/// certificate's subject DN and public key.
/// </summary>
internal static class PlatformApplication
{
    /// <summary>The application's certificate with its private key, usable by SslStream.</summary>
    public static async Task<X509Certificate2> RegisterAsync(AdminClientFactory administrators)
    {
        using var admin = administrators.Create();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Application.SubjectDn, key, HashAlgorithmName.SHA256);
        using var issued = await admin.PostAsJsonAsync("/pki/certificates", new { csr = request.CreateSigningRequestPem(), profile = "tls-client" });
        var issuedBody = await issued.Content.ReadAsStringAsync();
        if (issued.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"The CA did not issue the application's certificate: {(int)issued.StatusCode} {issuedBody}");
        }

        var pem = JsonDocument.Parse(issuedBody).RootElement.GetProperty("certificate").GetString()!;
        using var certificate = X509Certificate2.CreateFromPem(pem);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        var registration = new
        {
            clientId = Application.ClientId,
            displayName = "Data Exchange Hub",
            grantTypes = new[] { "client_credentials" },
            scopes = new[] { Application.Scope },
            audiences = new[] { Application.Audience },
            tokenEndpointAuthMethod = "tls_client_auth",
            tlsClientAuthSubjectDn = Application.SubjectDn,
            jwks = new { keys = new[] { new { kty = "EC", crv = "P-256", x = Base64Url(point.X!), y = Base64Url(point.Y!) } } },
        };
        using var registered = await admin.PostAsJsonAsync("/identity/clients", registration);
        if (!registered.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The application was not registered: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");
        }

        using var withKey = certificate.CopyWithPrivateKey(key);
        // Exported and re-imported so that SslStream can use the key.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
