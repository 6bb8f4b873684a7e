using Platform.Http;

namespace Signatures.Cades;

/// <summary>Reads the base64 fields of signing requests, within the service's size limit.</summary>
internal static class ContentInput
{
    /// <summary>The bytes of <paramref name="base64"/>, at most <paramref name="maxBytes"/>; else the problem with them.</summary>
    public static (byte[]? Bytes, ProblemCode? Code, string? Detail) Decode(string? base64, string field, int maxBytes)
    {
        if (base64 is null)
        {
            return (null, ProblemCodes.SignatureContentInvalid, $"{field} is required (base64).");
        }

        // Checked before decoding, so an oversized field costs no buffer of its size.
        if ((long)base64.Length / 4 * 3 > maxBytes + 2L)
        {
            return (null, ProblemCodes.SignatureContentTooLarge, $"{field} is larger than {maxBytes} bytes.");
        }

        try
        {
            var bytes = Convert.FromBase64String(base64);
            return bytes.Length > maxBytes
                ? (null, ProblemCodes.SignatureContentTooLarge, $"{field} is larger than {maxBytes} bytes.")
                : (bytes, null, null);
        }
        catch (FormatException)
        {
            return (null, ProblemCodes.SignatureContentInvalid, $"{field} is not base64.");
        }
    }
}
