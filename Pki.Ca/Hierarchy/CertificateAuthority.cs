using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Platform.Cryptography;

namespace Pki.Ca.Hierarchy;

/// <summary>A loaded CA: its certificate and its signing key, ready to sign.</summary>
public sealed class CertificateAuthority
{
    private readonly ISigningKey? key;

    /// <param name="name">Its name.</param>
    /// <param name="certificate">Its certificate.</param>
    /// <param name="key">Its signing key; null when the key is offline.</param>
    /// <param name="parent">The CA that signed it; null for a root.</param>
    /// <param name="hierarchy">The hierarchy it belongs to.</param>
    /// <param name="supersededBy">The CA that took over from it in a rollover, if any.</param>
    internal CertificateAuthority(string name, X509Certificate certificate, ISigningKey? key, string? parent, string hierarchy, string? supersededBy = null)
    {
        Name = name;
        Hierarchy = hierarchy;
        Certificate = certificate;
        Der = certificate.GetEncoded();
        this.key = key;
        Parent = parent;
        SupersededBy = supersededBy;
        PublicKeyInfo = certificate.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded();
        Algorithm = key?.Algorithm ?? PublicKeys.Describe(certificate.CertificateStructure.SubjectPublicKeyInfo).Algorithm
            ?? throw new InvalidOperationException($"The key of CA '{name}' is of no algorithm the platform signs with.");
        var ski = certificate.GetExtensionValue(X509Extensions.SubjectKeyIdentifier);
        SubjectKeyIdentifier = ski is null
            ? Issuance.CertificateSigner.KeyIdentifier(certificate.CertificateStructure.SubjectPublicKeyInfo)
            : Org.BouncyCastle.Asn1.X509.SubjectKeyIdentifier.GetInstance(
                Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(ski.GetOctets())).GetKeyIdentifier();
        Pem = PemText.Certificate(Der);
    }

    /// <summary>The CA's name.</summary>
    public string Name { get; }

    /// <summary>Its certificate.</summary>
    public X509Certificate Certificate { get; }

    /// <summary>Its certificate, DER.</summary>
    public byte[] Der { get; }

    /// <summary>Its certificate, PEM.</summary>
    public string Pem { get; }

    /// <summary>The key that signs what it issues; throws for a CA whose key is offline (<see cref="IsOffline"/>).</summary>
    public ISigningKey SigningKey => key
        ?? throw new InvalidOperationException($"The key of CA '{Name}' is offline: what it signs is made by a key ceremony command where the key is.");

    /// <summary>Whether its private key is held elsewhere (an offline root): its CRLs are signed there and imported.</summary>
    public bool IsOffline => key is null;

    /// <summary>Its SubjectPublicKeyInfo, DER: what verifies its signatures.</summary>
    public byte[] PublicKeyInfo { get; }

    /// <summary>Its key algorithm, from its certificate.</summary>
    public KeyAlgorithm Algorithm { get; }

    /// <summary>The next generation of this CA after a rollover; null while it is the current one. A superseded CA issues nothing new but keeps signing CRLs and OCSP answers for what it issued.</summary>
    public string? SupersededBy { get; }

    /// <summary>The hierarchy it belongs to (<c>default</c> for <c>root</c> and <c>issuing</c>).</summary>
    public string Hierarchy { get; }

    /// <summary>Whether it issues end-entity certificates: every CA but a root does.</summary>
    public bool IsIssuing => Parent is not null;

    /// <summary>The CA above it; null for a root.</summary>
    public string? Parent { get; }

    /// <summary>Its key identifier, written as the authority key identifier of what it issues.</summary>
    public byte[] SubjectKeyIdentifier { get; }

    /// <summary>The configuration name of its key algorithm.</summary>
    public string AlgorithmName => Algorithm.Name();
}
