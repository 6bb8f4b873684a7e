using System.Diagnostics;
using System.Globalization;

namespace Issuance.Load;

/// <summary>
/// CPU time of a process from <c>/proc/PID/stat</c> (user plus system, all threads). Read
/// directly because <see cref="Process.TotalProcessorTime"/> of another process gave
/// implausible values on the measuring machine.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>USER_HZ: the unit of the stat file's times on every Linux architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    public static TimeSpan Of(int processId)
    {
        var path = $"/proc/{processId}/stat";
        if (!File.Exists(path))
        {
            return TimeSpan.Zero;
        }

        // The command name in field 2 may hold spaces; the fields after its closing parenthesis do not.
        var text = File.ReadAllText(path);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((user + system) / TicksPerSecond);
    }
}
