using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Certificates;

namespace Gateway.Signing;

/// <summary>
/// <c>GET /gateway/keys</c>: the keys upstreams verify the gateway's signatures with, as a JWK Set
/// (RFC 7517): the signing key first, then the next one published ahead, then keys replaced a short
/// while ago. <c>kid</c> is the <c>keyid</c> of the signatures (the certificate's serial) and
/// <c>x5c</c> its certificate chain up to the root, for upstreams that check it against the
/// city's root. Anonymous: public keys only.
/// </summary>
internal static class GatewayKeysEndpoint
{
    public const string Path = "/gateway/keys";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (IGatewaySigningKeys credentials, TimeProvider time) =>
                Results.Json(new { keys = credentials.PublishedAt(time.GetUtcNow()).Select(Jwk).ToArray() }, contentType: "application/jwk-set+json"))
            .WithTags("Gateway").WithName("GatewayKeys").WithSummary("The gateway's signing keys (JWK set)").AllowAnonymous();

    private static object Jwk(PlatformCertificate published)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(published.Certificate);
        using var key = certificate.GetECDsaPublicKey() ?? throw new InvalidOperationException("The gateway's certificate does not carry an EC key.");
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return new
        {
            kty = "EC",
            crv = "P-256",
            x = Base64Url(point.X!),
            y = Base64Url(point.Y!),
            kid = published.SerialNumber,
            use = "sig",
            x5c = new[] { published.Certificate }.Concat(published.Chain).Select(Convert.ToBase64String).ToArray(),
        };
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
