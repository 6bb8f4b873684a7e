namespace Signatures.Cades;

/// <summary>Everything one SignedData with one signer is written from (see <see cref="SignedDataWriter"/>).</summary>
internal sealed record SignedDataParts
{
    /// <summary>The signer.</summary>
    public required SignerCredential Signer { get; init; }

    /// <summary>The signed attributes as the DER SET that was signed.</summary>
    public required byte[] SignedAttributes { get; init; }

    /// <summary>The signature value over <see cref="SignedAttributes"/>.</summary>
    public required byte[] SignatureValue { get; init; }

    /// <summary>The content, when the signature envelops it (eContent present); null when it is detached.</summary>
    public ReadOnlyMemory<byte>? Content { get; init; }

    /// <summary>The CertificateChoices, DER, in the order written.</summary>
    public required IReadOnlyList<byte[]> Certificates { get; init; }

    /// <summary>The RevocationInfoChoices, DER (a CRL, or an <c>other</c> [1] choice), in the order written.</summary>
    public IReadOnlyList<byte[]> RevocationInfo { get; init; } = [];

    /// <summary>The unsigned attributes, each a DER Attribute, in the order written.</summary>
    public IReadOnlyList<byte[]> UnsignedAttributes { get; init; } = [];

    /// <summary>Digest algorithms named besides the signer's (DER AlgorithmIdentifiers), such as the archive time-stamp's SHA-256.</summary>
    public IReadOnlyList<byte[]> ExtraDigestAlgorithms { get; init; } = [];
}
