using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using Server.Tests.Hosting;

namespace Server.Tests.Identity;

/// <summary>Applications that authenticate with a client certificate of the platform's CA (<c>tls_client_auth</c>), registered through the administration API.</summary>
internal static class CertificateClients
{
    /// <summary>The resource scope the certificate clients ask for.</summary>
    public const string Scope = "exchange.write";

    /// <summary>A tls-client certificate for <paramref name="subject"/> with its key, carrying <paramref name="dnsName"/> when given.</summary>
    public static async Task<X509Certificate2> IssueAsync(PlatformServer server, string subject, string? dnsName = null, ECDsa? key = null)
    {
        using var owned = key is null ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
        var signer = key ?? owned!;
        var request = new CertificateRequest(subject, signer, HashAlgorithmName.SHA256);
        if (dnsName is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(dnsName);
            request.CertificateExtensions.Add(names.Build());
        }

        var issued = await server.IssueAsync(request.CreateSigningRequestPem(), "tls-client");
        using var certificate = X509Certificate2.CreateFromPem(issued.Certificate);
        using var withKey = certificate.CopyWithPrivateKey(signer);
        // Exported and re-imported so that the key is usable by SslStream.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Registers a client-credentials application for <paramref name="certificate"/>'s key, named by <paramref name="nameField"/>; its id.</summary>
    public static Task<string> RegisterAsync(PlatformServer server, X509Certificate2 certificate, string nameField, string name, string audience = "https://exchange.city.example") =>
        RegisterAsync(server, certificate, nameField, name, audience, codeFlow: false);

    /// <summary>As above; with <paramref name="codeFlow"/>, a first-party web application of the code flow (with refresh tokens) instead.</summary>
    public static async Task<string> RegisterAsync(PlatformServer server, X509Certificate2 certificate, string nameField, string name, string audience, bool codeFlow)
    {
        var clientId = "hub-" + Guid.NewGuid().ToString("n")[..8];
        var registration = new Dictionary<string, object>
        {
            ["clientId"] = clientId,
            ["displayName"] = "Data Exchange Hub",
            ["grantTypes"] = new[] { "client_credentials" },
            ["scopes"] = new[] { Scope },
            ["audiences"] = new[] { audience },
            ["tokenEndpointAuthMethod"] = "tls_client_auth",
            [nameField] = name,
            ["jwks"] = new { keys = new[] { PublicJwk(certificate) } },
        };
        if (codeFlow)
        {
            registration["grantTypes"] = new[] { "authorization_code", "refresh_token" };
            registration["scopes"] = new[] { "openid", "profile", "offline_access" };
            registration["redirectUris"] = new[] { CodeFlowTests.RedirectUri };
            registration["firstParty"] = true;
        }

        using var admin = server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/identity/clients", registration);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return clientId;
    }

    /// <summary>A client-credentials request naming <paramref name="clientId"/> and no other credential, for <see cref="Scope"/> unless <paramref name="extra"/> names a scope.</summary>
    public static Task<HttpResponseMessage> TokenAsync(HttpClient client, string clientId, params (string Name, string Value)[] extra)
    {
        (string Name, string Value)[] fields = [("grant_type", "client_credentials"), ("client_id", clientId), .. extra];
        if (!extra.Any(f => f.Name == "scope"))
        {
            fields = [.. fields, ("scope", Scope)];
        }

        return client.PostAsync("/connect/token", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
    }

    /// <summary>The <c>x5t#S256</c> thumbprint of <paramref name="certificate"/>, computed here independently of the server.</summary>
    public static string Thumbprint(X509Certificate2 certificate) => Base64UrlEncoder.Encode(SHA256.HashData(certificate.RawData));

    private static object PublicJwk(X509Certificate2 certificate)
    {
        var parameters = certificate.GetECDsaPublicKey()!.ExportParameters(includePrivateParameters: false);
        return new { kty = "EC", crv = "P-256", x = Base64UrlEncoder.Encode(parameters.Q.X), y = Base64UrlEncoder.Encode(parameters.Q.Y) };
    }
}
