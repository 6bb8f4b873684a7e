using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Server.Tests.Hosting;

namespace Server.Tests.Authorization;

/// <summary>Small helpers for the <c>/authz</c> API.</summary>
internal static class AuthzClient
{
    public static Task<HttpResponseMessage> PutPoliciesAsync(HttpClient client, string text) =>
        client.PutAsync("/authz/policies", new StringContent(text, Encoding.UTF8, "text/plain"));

    public static Task<HttpResponseMessage> PutSchemaAsync(HttpClient client, string text, string mediaType = "text/plain") =>
        client.PutAsync("/authz/schema", new StringContent(text, Encoding.UTF8, mediaType));

    public static Task<HttpResponseMessage> IsAuthorizedAsync(HttpClient client, string json, string path = "/authz/is-authorized") =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Makes <paramref name="schema"/> and <paramref name="policies"/> active, whatever was active before.</summary>
    public static async Task ResetAsync(HttpClient admin, string schema, string policies, string schemaMediaType = "text/plain")
    {
        // The empty policy set validates against any schema, so the schema can always be replaced.
        await EnsureAsync(await PutPoliciesAsync(admin, ""));
        await EnsureAsync(await PutSchemaAsync(admin, schema, schemaMediaType));
        await EnsureAsync(await PutPoliciesAsync(admin, policies));
    }

    public static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A client certificate from the platform's tls-client profile: authenticated, but not an administrator.</summary>
    public static async Task<X509Certificate2> ClientCertificateAsync(PlatformServer server, string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var issued = await server.IssueAsync(csr, "tls-client");
        using var certificate = X509Certificate2.CreateFromPem(issued.Certificate);
        using var withKey = certificate.CopyWithPrivateKey(key);
        // Exported and re-imported so that the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
