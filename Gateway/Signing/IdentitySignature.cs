using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gateway.Edge;
using Platform.Cryptography;

namespace Gateway.Signing;

/// <summary>
/// Signs what the gateway tells an upstream, as an HTTP Message Signature (RFC 9421) with the
/// gateway's key (<c>ecdsa-p256-sha256</c>): the request's method, authority, path and query as
/// they go to the upstream, and the identity headers. Label <c>gateway</c>, valid for
/// <see cref="Lifetime"/> from <c>created</c>, with a fresh <c>nonce</c>, <c>keyid</c> the
/// serial of the signing key's certificate. Only requests the gateway decided carry identity headers, so only they
/// are signed; anonymous ones carry neither. Signed by <see cref="SigningForwarderHttpClientFactory"/>
/// on the outgoing message itself, after YARP's transforms, so that the target and the
/// <c>Host</c> signed are the ones sent.
/// </summary>
internal static class IdentitySignature
{
    public const string Label = "gateway";
    public const string Algorithm = "ecdsa-p256-sha256";

    /// <summary>How long a signature is valid: long enough for clock skew, short against replay.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private static readonly string[] SignedHeaders =
        [IdentityHeaders.Principal, IdentityHeaders.Roles, IdentityHeaders.Department, IdentityHeaders.Decision];

    /// <summary>Signs <paramref name="request"/> as it is about to be sent, when it carries the gateway's identity headers.</summary>
    public static void Sign(HttpRequestMessage request, IGatewaySigningKeys credentials, DateTimeOffset now)
    {
        if (!request.Headers.Contains(IdentityHeaders.Principal) || request.RequestUri is not { } target)
        {
            return;
        }

        var components = new List<(string Name, string Value)>
        {
            ("@method", request.Method.Method),
            ("@authority", (request.Headers.Host ?? target.Authority).ToLowerInvariant()),
            ("@path", target.AbsolutePath.Length == 0 ? "/" : target.AbsolutePath),
            ("@query", target.Query.Length == 0 ? "?" : target.Query),
        };
        foreach (var header in SignedHeaders)
        {
            if (request.Headers.TryGetValues(header, out var values))
            {
                components.Add((header.ToLowerInvariant(), string.Join(", ", values.Select(v => v.Trim()))));
            }
        }

        var (key, keyId) = credentials.SignerAt(now);
        var parameters = SignatureParameters(components, now, keyId);
        var der = key.Sign(Encoding.ASCII.GetBytes(SignatureBase(components, parameters)));
        request.Headers.Remove("Signature-Input");
        request.Headers.Remove("Signature");
        request.Headers.TryAddWithoutValidation("Signature-Input", $"{Label}={parameters}");
        request.Headers.TryAddWithoutValidation("Signature", $"{Label}=:{Convert.ToBase64String(EcdsaSignatureEncoding.DerToFixed(der, 32))}:");
    }

    /// <summary>The signature parameters (RFC 9421 §2.3) as an RFC 8941 inner list with its parameters.</summary>
    private static string SignatureParameters(List<(string Name, string Value)> components, DateTimeOffset now, string keyId)
    {
        var created = now.ToUnixTimeSeconds();
        var expires = created + (long)Lifetime.TotalSeconds;
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var list = string.Join(' ', components.Select(c => $"\"{c.Name}\""));
        return string.Create(CultureInfo.InvariantCulture,
            $"({list});created={created};expires={expires};nonce=\"{nonce}\";keyid=\"{keyId}\";alg=\"{Algorithm}\"");
    }

    /// <summary>The signature base (RFC 9421 §2.5): one line per component, then the parameters.</summary>
    private static string SignatureBase(List<(string Name, string Value)> components, string parameters)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in components)
        {
            text.Append('"').Append(name).Append("\": ").Append(value).Append('\n');
        }

        return text.Append("\"@signature-params\": ").Append(parameters).ToString();
    }
}
