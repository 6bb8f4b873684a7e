using Microsoft.IdentityModel.Tokens;
using Platform.Cryptography;

namespace Identity.Signing;

/// <summary>
/// Signs JWS input through a key-store key (software or PKCS#11), so the private key never
/// leaves the store; verifies with the public key. ECDSA signatures come back from the store in
/// DER and are returned in the JWS <c>r ‖ s</c> form. The public key is imported once: every
/// token presented to the platform is verified here.
/// </summary>
internal sealed class KeyStoreSignatureProvider(SecurityKey key, string algorithm, ISigningKey signingKey) : SignatureProvider(key, algorithm)
{
    // P-256 is the only curve offered (ES256): 32-byte field elements.
    private const int P256FieldBytes = 32;

    private readonly VerifyingKey verifier = VerifyingKey.Import(signingKey.SubjectPublicKeyInfo.Span, signingKey.Scheme);

    private bool IsEcdsa => signingKey.Scheme is SignatureScheme.EcdsaSha256;

    public override byte[] Sign(byte[] input) => Sign(input.AsSpan());

    public override byte[] Sign(byte[] input, int offset, int count) => Sign(input.AsSpan(offset, count));

    public override bool Sign(ReadOnlySpan<byte> data, Span<byte> destination, out int bytesWritten)
    {
        var signature = Sign(data);
        if (signature.Length > destination.Length)
        {
            bytesWritten = 0;
            return false;
        }

        signature.CopyTo(destination);
        bytesWritten = signature.Length;
        return true;
    }

    public override bool Verify(byte[] input, byte[] signature) =>
        Verify(input.AsSpan(), signature.AsSpan());

    public override bool Verify(byte[] input, int inputOffset, int inputLength, byte[] signature, int signatureOffset, int signatureLength) =>
        Verify(input.AsSpan(inputOffset, inputLength), signature.AsSpan(signatureOffset, signatureLength));

    protected override void Dispose(bool disposing)
    {
        // The signing key belongs to the key store, which outlives every token handler; the
        // public key is this provider's, which lives as long as its key's credentials.
    }

    private byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signature = signingKey.Sign(data);
        return IsEcdsa ? EcdsaSignatureEncoding.DerToFixed(signature, P256FieldBytes) : signature;
    }

    private bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (IsEcdsa)
        {
            if (signature.Length != 2 * P256FieldBytes)
            {
                return false;
            }

            return verifier.Verify(data, EcdsaSignatureEncoding.FixedToDer(signature, P256FieldBytes));
        }

        return verifier.Verify(data, signature);
    }
}
