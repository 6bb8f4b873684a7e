using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.X509;

namespace Signatures.Validation.Cms;

/// <summary>A parsed CMS SignedData: its structure, the encapsulated content and the certificates it carries.</summary>
/// <param name="Data">The SignedData.</param>
/// <param name="ContentType">encapContentInfo.eContentType.</param>
/// <param name="Content">encapContentInfo.eContent's octets; null for a detached signature.</param>
/// <param name="Certificates">The X.509 certificates of the certificates field.</param>
/// <param name="Signers">The SignerInfos.</param>
internal sealed record SignedDataDocument(
    SignedData Data, DerObjectIdentifier ContentType, byte[]? Content, IReadOnlyList<X509Certificate> Certificates, IReadOnlyList<SignerInfo> Signers);
