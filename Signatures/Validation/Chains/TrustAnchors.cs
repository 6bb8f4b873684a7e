using Microsoft.Extensions.Options;
using Org.BouncyCastle.X509;
using Platform.Certificates;

namespace Signatures.Validation.Chains;

/// <summary>
/// The certificates a chain may end in: the platform's root, when this host runs the CA, and the
/// PEM files named in <see cref="SignaturesOptions.TrustAnchors"/> (read once, at start-up).
/// </summary>
internal sealed class TrustAnchors
{
    private readonly IReadOnlyList<X509Certificate> configured;
    private readonly IPlatformCertificateIssuer? issuer;
    private ParsedRoot? platformRoot;

    public TrustAnchors(IOptions<SignaturesOptions> options, IPlatformCertificateIssuer? issuer = null)
    {
        this.issuer = issuer;
        configured = [.. options.Value.TrustAnchors.SelectMany(TrustAnchorFiles.Read)];
    }

    /// <summary>Every anchor now.</summary>
    public IReadOnlyList<X509Certificate> All
    {
        get
        {
            var root = PlatformRoot();
            return root is null ? configured : [root, .. configured];
        }
    }

    private X509Certificate? PlatformRoot()
    {
        byte[] der;
        try
        {
            der = issuer?.RootCertificate ?? [];
        }
        catch (InvalidOperationException)
        {
            // The hierarchy is not set up yet (a CA waiting for its ceremony): no platform anchor.
            return null;
        }

        if (der.Length == 0)
        {
            return null;
        }

        // The root changes only with a new hierarchy; parse it again only then.
        // One reference, read and replaced whole, so concurrent reports never see half of it.
        if (platformRoot is { } known && ReferenceEquals(known.Der, der))
        {
            return known.Certificate;
        }

        var certificate = new X509Certificate(der);
        platformRoot = new ParsedRoot(der, certificate);
        return certificate;
    }

    private sealed record ParsedRoot(byte[] Der, X509Certificate Certificate);
}
