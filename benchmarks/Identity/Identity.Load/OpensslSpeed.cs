using System.Globalization;

namespace Identity.Load;

/// <summary>
/// The physical limit: ECDSA P-256 signatures per second from <c>openssl speed -multi N
/// ecdsap256</c> on every core. One token is at least one such signature (ES256), so
/// tokens/s ÷ sign/s says how much of the machine's signing capacity reaches the application.
/// </summary>
internal static class OpensslSpeed
{
    /// <summary>Signatures per second, or why none could be measured.</summary>
    public static (double? SignsPerSecond, string? Missing) Measure(int seconds, int processes)
    {
        if (ExternalCommand.Find("openssl") is not { } openssl)
        {
            return (null, "openssl is not on the PATH");
        }

        var (exit, output) = ExternalCommand.Run(openssl,
            ["speed", "-multi", processes.ToString(CultureInfo.InvariantCulture), "-seconds", seconds.ToString(CultureInfo.InvariantCulture), "ecdsap256"],
            null, TimeSpan.FromSeconds(2 * seconds + 60));
        // The summary line: " 256 bits ecdsa (nistp256)   0.0000s   0.0001s  47978.0  16255.0" (sign/s, verify/s last).
        var line = output.Split('\n').LastOrDefault(l => l.Contains("ecdsa (nistp256)", StringComparison.Ordinal));
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return exit == 0 && fields is { Length: >= 2 } && double.TryParse(fields[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var signs)
            ? (signs, null)
            : (null, $"openssl speed gave no nistp256 line (exit {exit}): {output[..Math.Min(300, output.Length)]}");
    }
}
