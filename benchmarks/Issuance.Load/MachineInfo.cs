namespace Issuance.Load;

/// <summary>The facts a reader needs to compare runs from different machines.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var model = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            model = File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? model;
        }

        return $"{Environment.ProcessorCount} logical CPUs, {model}, {Environment.OSVersion}, .NET {Environment.Version}";
    }
}
