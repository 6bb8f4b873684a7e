namespace Server.Tests.Interop;

/// <summary>
/// Extensions of a certificate as <c>openssl x509 -noout -ext …</c> prints them: a header line
/// <c>X509v3 Key Usage: critical</c>, then the value on indented lines.
/// </summary>
public sealed class OpenSslExtensions
{
    private readonly Dictionary<string, (bool Critical, string Value)> extensions = new(StringComparer.Ordinal);

    private OpenSslExtensions(string text)
    {
        string? name = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                var colon = line.LastIndexOf(':');
                name = line[..colon].Trim();
                extensions[name] = (line[(colon + 1)..].Trim() == "critical", "");
            }
            else if (name is not null)
            {
                var (critical, value) = extensions[name];
                extensions[name] = (critical, value.Length == 0 ? line.Trim() : value + "\n" + line.Trim());
            }
        }
    }

    public const string BasicConstraints = "X509v3 Basic Constraints";
    public const string KeyUsage = "X509v3 Key Usage";
    public const string ExtendedKeyUsage = "X509v3 Extended Key Usage";
    public const string SubjectKeyIdentifier = "X509v3 Subject Key Identifier";
    public const string AuthorityKeyIdentifier = "X509v3 Authority Key Identifier";
    public const string SubjectAlternativeName = "X509v3 Subject Alternative Name";

    /// <summary>Asks openssl for the extensions RFC 5280 and the profiles care about.</summary>
    public static async Task<OpenSslExtensions> ReadAsync(string certificateFile) =>
        new(await OpenSsl.OutputAsync("x509", "-in", certificateFile, "-noout", "-ext",
            "basicConstraints,keyUsage,extendedKeyUsage,subjectKeyIdentifier,authorityKeyIdentifier,subjectAltName"));

    public bool Has(string name) => extensions.ContainsKey(name);

    public bool IsCritical(string name) => extensions.TryGetValue(name, out var e) && e.Critical;

    /// <summary>The printed value, or null when the certificate lacks the extension.</summary>
    public string? Value(string name) => extensions.TryGetValue(name, out var e) ? e.Value : null;

    /// <summary>A key identifier without the <c>keyid:</c> prefix older OpenSSL versions print.</summary>
    public string? KeyIdentifier(string name) => Value(name)?.Split('\n')[0].Replace("keyid:", "", StringComparison.Ordinal).Trim();
}
