namespace Pki.Ca.Escrow;

/// <summary>
/// An encryption key the platform generated and keeps in escrow, as stored: the private key
/// sealed under the key store's key-encryption key (<see cref="EncryptionCertificateIssuer.SealPurpose"/>,
/// bound to <see cref="Serial"/>), and the copy the requester was given, encrypted to their signing certificate.
/// </summary>
/// <param name="Serial">The encryption certificate's serial number.</param>
/// <param name="SigningSerial">The serial number of the signing certificate issued with it.</param>
/// <param name="RequestId">The certificate request that asked for the pair.</param>
/// <param name="Department">The department of that request, whose key-recovery officers may recover the key.</param>
/// <param name="Algorithm">The key's algorithm, by configuration name (<c>SM2</c>, <c>ECDSA-P256</c>, …).</param>
/// <param name="SealedKey">The PKCS#8 private key, sealed.</param>
/// <param name="EnvelopeFormat">The format of <paramref name="Envelope"/>.</param>
/// <param name="Envelope">The private key encrypted to the signing certificate.</param>
/// <param name="EscrowedAt">When it was escrowed.</param>
internal sealed record EscrowedKey(
    string Serial, string SigningSerial, string RequestId, string Department, string Algorithm, byte[] SealedKey, string EnvelopeFormat, byte[] Envelope,
    DateTimeOffset EscrowedAt)
{
    /// <summary>The key's algorithm; a stored name the platform does not know is a broken invariant.</summary>
    public Platform.Cryptography.KeyAlgorithm KeyAlgorithm => Platform.Cryptography.KeyAlgorithmNames.TryParse(Algorithm, out var algorithm)
        ? algorithm
        : throw new InvalidOperationException($"The escrowed key of certificate {Serial} has the unknown algorithm '{Algorithm}'.");
}

