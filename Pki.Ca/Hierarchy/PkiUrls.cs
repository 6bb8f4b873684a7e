using Microsoft.Extensions.Options;
using Platform.Hosting;

namespace Pki.Ca.Hierarchy;

/// <summary>
/// The public URLs written into certificates and CRLs, under <c>Platform:PublicBaseUrl</c>.
/// The same strings are used for the CRL distribution point and wherever the CRL is named,
/// since relying parties compare them literally.
/// </summary>
public sealed class PkiUrls(IOptions<PlatformOptions> options)
{
    private string Base => (options.Value.PublicBaseUrl ?? "http://127.0.0.1:5000").TrimEnd('/');

    /// <summary>The OCSP responder.</summary>
    public string Ocsp => Base + "/pki/ocsp";

    /// <summary>Where the certificate of CA <paramref name="ca"/> is published (DER).</summary>
    public string CaCertificate(string ca) => $"{Base}/pki/cas/{ca}/certificate";

    /// <summary>The full CRL of CA <paramref name="ca"/>.</summary>
    public string Crl(string ca) => $"{Base}/pki/cas/{ca}/crl";

    /// <summary>The delta CRL of CA <paramref name="ca"/> (the Freshest CRL pointer).</summary>
    public string DeltaCrl(string ca) => $"{Base}/pki/cas/{ca}/delta-crl";
}
