using System.Security.Cryptography;

namespace Pki.Ca.Registration;

/// <summary>
/// The SHA-256 of a CSR's DER, lowercase hex: how a request is found again from the CSR that made
/// it (an EST client repeats its POST, RFC 7030 §4.2.3), whatever line breaks its PEM had.
/// </summary>
internal static class CsrFingerprint
{
    /// <summary>The hash of the PEM CSR's DER; null when the text holds no PEM.</summary>
    public static string? Of(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            return null;
        }

        var base64 = pem.AsSpan()[fields.Base64Data];
        var der = new byte[fields.DecodedDataLength];
        return Convert.TryFromBase64Chars(base64, der, out var written)
            ? Convert.ToHexStringLower(SHA256.HashData(der.AsSpan(0, written)))
            : null;
    }
}
