using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Signing;

/// <summary>
/// <c>GET /gateway/keys</c>: the key upstreams verify the gateway's signatures with, as a JWK Set
/// (RFC 7517). <c>kid</c> is the <c>keyid</c> of the signatures (the certificate's serial) and
/// <c>x5c</c> its certificate chain up to the root, for upstreams that check it against the
/// city's root. Anonymous: public keys only.
/// </summary>
internal static class GatewayKeysEndpoint
{
    public const string Path = "/gateway/keys";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (GatewayCredentials credentials) => Results.Json(KeySet(credentials), contentType: "application/jwk-set+json"))
            .WithTags("Gateway").WithName("GatewayKeys").AllowAnonymous();

    private static object KeySet(GatewayCredentials credentials)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(credentials.Certificate.Certificate);
        using var key = certificate.GetECDsaPublicKey() ?? throw new InvalidOperationException("The gateway's certificate does not carry an EC key.");
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return new
        {
            keys = new[]
            {
                new
                {
                    kty = "EC",
                    crv = "P-256",
                    x = Base64Url(point.X!),
                    y = Base64Url(point.Y!),
                    kid = credentials.Certificate.SerialNumber,
                    use = "sig",
                    x5c = new[] { credentials.Certificate.Certificate }.Concat(credentials.Certificate.Chain).Select(Convert.ToBase64String).ToArray(),
                },
            },
        };
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
