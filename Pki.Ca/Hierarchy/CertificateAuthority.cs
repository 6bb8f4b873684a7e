using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Platform.Cryptography;

namespace Pki.Ca.Hierarchy;

/// <summary>A loaded CA: its certificate and its signing key, ready to sign.</summary>
public sealed class CertificateAuthority
{
    internal CertificateAuthority(string name, X509Certificate certificate, ISigningKey key, string? parent, string hierarchy)
    {
        Name = name;
        Hierarchy = hierarchy;
        Certificate = certificate;
        Der = certificate.GetEncoded();
        SigningKey = key;
        Parent = parent;
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

    /// <summary>The key that signs what it issues.</summary>
    public ISigningKey SigningKey { get; }

    /// <summary>The hierarchy it belongs to (<c>default</c> for <c>root</c> and <c>issuing</c>).</summary>
    public string Hierarchy { get; }

    /// <summary>Whether it issues end-entity certificates: every CA but a root does.</summary>
    public bool IsIssuing => Parent is not null;

    /// <summary>The CA above it; null for a root.</summary>
    public string? Parent { get; }

    /// <summary>Its key identifier, written as the authority key identifier of what it issues.</summary>
    public byte[] SubjectKeyIdentifier { get; }

    /// <summary>The configuration name of its key algorithm.</summary>
    public string AlgorithmName => SigningKey.Algorithm.Name();
}
