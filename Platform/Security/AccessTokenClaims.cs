using System.Text.Json;

namespace Platform.Security;

/// <summary>
/// Reads what the platform's access tokens (RFC 9068 JWTs) say of their holder, the same way
/// wherever one is validated: in the identity provider's process or in a gateway apart from it.
/// A claim may be a string for one value or an array for several, as the provider writes them.
/// </summary>
public static class AccessTokenClaims
{
    /// <summary>The person's department.</summary>
    public const string Department = "department";

    /// <summary>The person's highest clearance class.</summary>
    public const string Clearance = "clearance";

    /// <summary>The claims of a token whose signature, issuer, type and lifetime were checked, from its payload (base64url JSON).</summary>
    public static ValidatedAccessToken Read(string encodedPayload)
    {
        using var payload = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(encodedPayload));
        var root = payload.RootElement;
        var subject = String(root, "sub") ?? "";
        var methods = Strings(root, "amr");
        return new ValidatedAccessToken(
            Subject: subject,
            ClientId: String(root, "client_id") ?? subject,
            IsPerson: methods.Count > 0,
            Department: String(root, Department),
            Roles: Strings(root, "role"),
            Clearance: String(root, Clearance),
            AuthenticationMethods: methods,
            Audiences: Strings(root, "aud"),
            Scopes: (String(root, "scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            ExpiresAt: root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : DateTimeOffset.MaxValue,
            CertificateThumbprint: root.TryGetProperty("cnf", out var cnf) && cnf.ValueKind == JsonValueKind.Object ? String(cnf, "x5t#S256") : null);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Strings(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? []
        : value.ValueKind == JsonValueKind.String ? [value.GetString()!]
        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
        : [];
}
