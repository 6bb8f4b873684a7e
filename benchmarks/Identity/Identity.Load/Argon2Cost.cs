using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Identity.People;
using Issuance.Load;
using Konscious.Security.Cryptography;

namespace Identity.Load;

/// <summary>
/// What one password check costs: Argon2id with the platform's default parameters
/// (<see cref="PasswordOptions"/>) through the library the platform uses, in this process, and
/// the reference implementation's command line (<c>argon2</c>, Debian package) with the same
/// parameters, whose output must equal ours byte for byte.
/// </summary>
internal static class Argon2Cost
{
    private const int TagBytes = 32;

    public static PasswordOptions Defaults { get; } = new();

    /// <summary>
    /// Checks per second with <paramref name="threads"/> checks running at once, the mean wall time
    /// of one, and the CPU one took (which neighbours on the cores disturb less than wall time).
    /// </summary>
    public static (double PerSecond, TimeSpan Each, TimeSpan CpuEach) InProcess(TimeSpan duration, int threads)
    {
        // One check first, outside the clock: the first one also pays for JIT compilation.
        Derive(Encoding.UTF8.GetBytes("warm-up"), RandomNumberGenerator.GetBytes(16));
        var counts = new long[threads];
        var cpuBefore = ProcessCpu.Of(Environment.ProcessId);
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            var password = Encoding.UTF8.GetBytes("correct horse battery staple");
            var salt = RandomNumberGenerator.GetBytes(16);
            do
            {
                Derive(password, salt);
                counts[thread]++;
            }
            while (Stopwatch.GetTimestamp() < deadline);
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = ProcessCpu.Of(Environment.ProcessId) - cpuBefore;
        var total = counts.Sum();
        return (total / elapsed.TotalSeconds, elapsed * threads / total, cpu / total);
    }

    /// <summary>
    /// The median of the command line's own timing of one hash, or why there is none. The reference
    /// program times the hash with <c>clock()</c>: CPU time of the process, not wall time.
    /// </summary>
    public static (TimeSpan? Median, string? Missing) Cli(int runs)
    {
        if (ExternalCommand.Find("argon2") is not { } argon2)
        {
            return (null, "the argon2 command (Debian package argon2) is not installed");
        }

        const string password = "pw";
        const string salt = "somesalt";
        var arguments = new[]
        {
            salt, "-id",
            "-t", Defaults.Iterations.ToString(CultureInfo.InvariantCulture),
            "-k", Defaults.MemoryKiB.ToString(CultureInfo.InvariantCulture),
            "-p", Defaults.Parallelism.ToString(CultureInfo.InvariantCulture),
            "-l", TagBytes.ToString(CultureInfo.InvariantCulture),
        };
        var ours = Convert.ToHexStringLower(Derive(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt)));
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var (exit, output) = ExternalCommand.Run(argon2, arguments, null, TimeSpan.FromSeconds(60), input: password);
            // "Hash:\t\t<hex>" and "0.046 seconds"
            var lines = output.Split('\n', StringSplitOptions.TrimEntries);
            var hash = lines.FirstOrDefault(l => l.StartsWith("Hash:", StringComparison.Ordinal))?[5..].Trim();
            var seconds = lines.FirstOrDefault(l => l.EndsWith(" seconds", StringComparison.Ordinal))?.Split(' ')[0];
            if (exit != 0 || hash is null || !double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
            {
                return (null, $"argon2 answered unexpectedly (exit {exit}): {output}");
            }

            if (hash != ours)
            {
                throw new InvalidOperationException($"argon2 computed {hash}, the platform's library {ours}: the parameters differ.");
            }

            times.Add(time);
        }

        times.Sort();
        return (TimeSpan.FromSeconds(times[times.Count / 2]), null);
    }

    private static byte[] Derive(byte[] password, byte[] salt)
    {
        using var argon2 = new Argon2id(password)
        {
            Salt = salt,
            MemorySize = Defaults.MemoryKiB,
            Iterations = Defaults.Iterations,
            DegreeOfParallelism = Defaults.Parallelism,
        };
        return argon2.GetBytes(TagBytes);
    }
}
