using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Platform.Http;

namespace Identity.Clients;

internal static partial class ClientValidation
{
    private const int MaxKeys = 10;

    // Members that carry private or symmetric key material (RFC 7518 §6.2.2, §6.3.2, §6.4.1).
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    // What is kept of each key: its public parts; anything else is dropped rather than stored unread.
    private static readonly string[] PublicMembers = ["kty", "kid", "use", "alg", "n", "e", "crv", "x", "y", "x5c", "x5t", "x5t#S256"];

    /// <summary>Checks a JSON Web Key Set of public signing keys; answers it as the JSON to store, the public members only.</summary>
    private static (string? Json, ClientFieldError? Error) CheckJwks(JsonElement set)
    {
        if (set.ValueKind != JsonValueKind.Object || !set.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return Jwks(ProblemCodes.JwksInvalid, "jwks is a JSON Web Key Set: an object with a \"keys\" array.");
        }

        if (keys.GetArrayLength() is 0 or > MaxKeys)
        {
            return Jwks(ProblemCodes.JwksInvalid, $"jwks holds 1 to {MaxKeys} keys.");
        }

        var clean = new JsonArray();
        var index = 0;
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object)
            {
                return Jwks(ProblemCodes.JwksInvalid, $"jwks.keys[{index}] is not a JSON object.");
            }

            if (PrivateMembers.FirstOrDefault(m => key.TryGetProperty(m, out _)) is { } secret)
            {
                return Jwks(ProblemCodes.JwksPrivateKey, $"jwks.keys[{index}] has the private or symmetric member '{secret}'; register public keys only.");
            }

            if (KeyProblem(key) is { } problem)
            {
                return Jwks(ProblemCodes.JwksInvalid, $"jwks.keys[{index}] {problem}.");
            }

            var kept = new JsonObject();
            foreach (var member in PublicMembers)
            {
                if (key.TryGetProperty(member, out var value))
                {
                    kept[member] = JsonNode.Parse(value.GetRawText());
                }
            }

            clean.Add(kept);
            index++;
        }

        var json = new JsonObject { ["keys"] = clean }.ToJsonString();
        try
        {
            // OpenIddict reads the stored set with this parser; what it cannot read is refused now.
            return JsonWebKeySet.Create(json).Keys.Count == clean.Count ? (json, null) : Jwks(ProblemCodes.JwksInvalid, "jwks has a key OpenIddict cannot read.");
        }
        catch (ArgumentException)
        {
            return Jwks(ProblemCodes.JwksInvalid, "jwks is not a JSON Web Key Set OpenIddict can read.");
        }
    }

    private static string? KeyProblem(JsonElement key)
    {
        var kty = String(key, "kty");
        if (String(key, "use") is { } use && use != "sig")
        {
            return "is not a signing key (use must be \"sig\")";
        }

        switch (kty)
        {
            case "RSA":
                // 2048 bits at least (NIST SP 800-131A); a smaller modulus is refused, not stored.
                return Base64UrlLength(key, "n") is not >= 256 ? "is an RSA key whose modulus n is missing, not base64url, or under 2048 bits"
                    : Base64UrlLength(key, "e") is not > 0 ? "is an RSA key whose exponent e is missing or not base64url"
                    : null;
            case "EC":
                var size = String(key, "crv") switch { "P-256" => 32, "P-384" => 48, "P-521" => 66, _ => 0 };
                return size == 0 ? "is an EC key whose crv is not P-256, P-384 or P-521"
                    : Base64UrlLength(key, "x") != size || Base64UrlLength(key, "y") != size ? "is an EC key whose x or y is missing or not a point coordinate of its curve"
                    : null;
            default:
                return "has a kty other than RSA and EC, the key types OpenIddict verifies client assertions with";
        }
    }

    private static string? String(JsonElement key, string member) =>
        key.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Base64UrlLength(JsonElement key, string member)
    {
        if (String(key, member) is not { Length: > 0 } text || !Base64Url.IsValid(text, out var length))
        {
            return null;
        }

        return length;
    }

    private static (string?, ClientFieldError?) Jwks(ProblemCode code, string detail) => (null, new ClientFieldError(code, "jwks", detail));
}
