using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Platform.Cryptography;

/// <summary>
/// Imports P-256 and P-384 public keys for a single verification at about half the cost of
/// <c>ECDsa.ImportSubjectPublicKeyInfo</c>. On OpenSSL 3, .NET's import builds the key
/// through the provider layer and runs the full public-key check, whose order test (n·Q = O) is
/// a scalar multiplication that costs more than the verification itself; with a fresh key in
/// every CSR it was the largest single cost of issuance. The order test proves nothing for
/// these prime-order curves (cofactor 1): every point on the curve other than infinity has
/// order n. The point is still decoded by OpenSSL's <c>o2i_ECPublicKey</c>, which refuses
/// encodings outside the field and points not on the curve, and only the uncompressed form
/// (never infinity) is taken. Anything else, or another OpenSSL, returns false and the caller
/// uses the ordinary import.
/// </summary>
internal static class OpenSslEcPublicKeys
{
    private const string LibCrypto = "libcrypto.so.3";
    private const int NidP256 = 415;
    private const int NidP384 = 715;

    // The DER of SubjectPublicKeyInfo { id-ecPublicKey, namedCurve } up to the uncompressed point's 0x04.
    private static readonly byte[] P256Prefix = Convert.FromHexString("3059301306072A8648CE3D020106082A8648CE3D030107034200");
    private static readonly byte[] P384Prefix = Convert.FromHexString("3076301006072A8648CE3D020106052B81040022036200");

    private static readonly bool Available = OperatingSystem.IsLinux() && IsOpenSsl3() && ExportsPresent();

    /// <summary>An <see cref="ECDsa"/> for <paramref name="spki"/>, or null when this path does not apply.</summary>
    public static ECDsa? TryImport(ReadOnlySpan<byte> spki)
    {
        if (!Available || !OperatingSystem.IsLinux())
        {
            return null;
        }

        int nid;
        ReadOnlySpan<byte> point;
        if (spki.Length == P256Prefix.Length + 65 && spki.StartsWith(P256Prefix) && spki[P256Prefix.Length] == 0x04)
        {
            nid = NidP256;
            point = spki[P256Prefix.Length..];
        }
        else if (spki.Length == P384Prefix.Length + 97 && spki.StartsWith(P384Prefix) && spki[P384Prefix.Length] == 0x04)
        {
            nid = NidP384;
            point = spki[P384Prefix.Length..];
        }
        else
        {
            return null;
        }

        var ecKey = EC_KEY_new_by_curve_name(nid);
        if (ecKey == IntPtr.Zero)
        {
            ERR_clear_error();
            return null;
        }

        try
        {
            var pinned = GCHandle.Alloc(point.ToArray(), GCHandleType.Pinned);
            try
            {
                var cursor = pinned.AddrOfPinnedObject();
                if (o2i_ECPublicKey(ref ecKey, ref cursor, point.Length) == IntPtr.Zero)
                {
                    // Not on the curve or not a field element: the same verdict the ordinary import gives.
                    ERR_clear_error();
                    throw new CryptographicException("The EC public key is not a point on its curve.");
                }
            }
            finally
            {
                pinned.Free();
            }

            using var evpKey = new SafeEvpPKeyHandle(EVP_PKEY_new(), ownsHandle: true);
            if (evpKey.IsInvalid || EVP_PKEY_set1_EC_KEY(evpKey.DangerousGetHandle(), ecKey) != 1)
            {
                ERR_clear_error();
                return null;
            }

            // ECDsaOpenSsl takes its own reference to the key.
            return new ECDsaOpenSsl(evpKey);
        }
        finally
        {
            EC_KEY_free(ecKey);
        }
    }

    private static bool IsOpenSsl3() => OperatingSystem.IsLinux() && (SafeEvpPKeyHandle.OpenSslVersion >> 28) == 3;

    private static bool ExportsPresent()
    {
        // The runtime's own OpenSSL is already loaded; dlopen by soname returns that same library.
        if (!NativeLibrary.TryLoad(LibCrypto, out var library))
        {
            return false;
        }

        return new[] { "EC_KEY_new_by_curve_name", "o2i_ECPublicKey", "EVP_PKEY_new", "EVP_PKEY_set1_EC_KEY", "EC_KEY_free", "ERR_clear_error" }
            .All(name => NativeLibrary.TryGetExport(library, name, out _));
    }

    [DllImport(LibCrypto, ExactSpelling = true)]
    private static extern IntPtr EC_KEY_new_by_curve_name(int nid);

    [DllImport(LibCrypto, ExactSpelling = true)]
    private static extern IntPtr o2i_ECPublicKey(ref IntPtr key, ref IntPtr input, long length);

    [DllImport(LibCrypto, ExactSpelling = true)]
    private static extern IntPtr EVP_PKEY_new();

    [DllImport(LibCrypto, ExactSpelling = true)]
    private static extern int EVP_PKEY_set1_EC_KEY(IntPtr key, IntPtr ecKey);

    [DllImport(LibCrypto, ExactSpelling = true)]
    private static extern void EC_KEY_free(IntPtr key);

    [DllImport(LibCrypto, ExactSpelling = true)]
    private static extern void ERR_clear_error();
}
