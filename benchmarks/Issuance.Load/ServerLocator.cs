namespace Issuance.Load;

/// <summary>Finds the Release build of the server by walking up from this program to the repository root.</summary>
internal static class ServerLocator
{
    private static readonly string RelativePath = Path.Combine("Server", "bin", "Release", "net10.0", "Server.dll");

    public static string Find(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw new FileNotFoundException("No server at --server.", explicitPath);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Build the server first (dotnet build -c Release Server) or pass --server; looked for {RelativePath}.");
    }
}
