using Org.BouncyCastle.X509;

namespace Signatures.Validation.Chains;

/// <summary>RFC 5280 §4.2.1.3: a key that signs documents has digitalSignature or contentCommitment (nonRepudiation).</summary>
internal static class SignerKeyUsage
{
    /// <summary>True when <paramref name="certificate"/> may sign: no key usage extension, or one of the two bits.</summary>
    public static bool AllowsSigning(X509Certificate certificate) =>
        certificate.GetKeyUsage() is not { } usage || usage[0] || usage[1];
}
