using System.Text.RegularExpressions;

namespace Server.Tests.Interop;

/// <summary>The serial number as <c>openssl asn1parse</c> decodes it from the DER: content length and value.</summary>
public sealed partial record OpenSslSerialNumber(int ContentOctets, bool Negative, string Hex)
{
    /// <summary>Significant bits of the value.</summary>
    public int Bits
    {
        get
        {
            var digits = Hex.TrimStart('0');
            return digits.Length == 0 ? 0 : ((digits.Length - 1) * 4) + (int)Math.Floor(Math.Log2(Convert.ToInt32(digits[..1], 16))) + 1;
        }
    }

    public static async Task<OpenSslSerialNumber> ReadAsync(string certificateFile)
    {
        // The serial is the first INTEGER directly inside tbsCertificate (depth 2); the version
        // before it is an INTEGER at depth 3, inside its [0] tag.
        var text = await OpenSsl.OutputAsync("asn1parse", "-in", certificateFile);
        foreach (var line in text.Split('\n'))
        {
            var match = SerialLine().Match(line);
            if (match.Success)
            {
                return new(int.Parse(match.Groups["length"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    match.Groups["sign"].Value == "-", match.Groups["hex"].Value);
            }
        }

        throw new InvalidOperationException("openssl asn1parse printed no serial number:\n" + text);
    }

    [GeneratedRegex(@"d=2\s+hl=\d+\s+l=\s*(?<length>\d+)\s+prim:\s+INTEGER\s+:(?<sign>-?)(?<hex>[0-9A-Fa-f]+)")]
    private static partial Regex SerialLine();
}
