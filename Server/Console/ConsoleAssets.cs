using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Server.WebConsole;

/// <summary>
/// The console's static files (<c>Console/wwwroot</c>), embedded in the Server assembly so that
/// every way of running it — <c>dotnet run</c>, a published build, the test host — serves the
/// same bytes without a content root. Read once; each file has a strong ETag of its content.
/// </summary>
internal sealed class ConsoleAssets
{
    /// <summary>The logical-name prefix the project file gives the embedded files.</summary>
    private const string Prefix = "console/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, Asset> files;

    public ConsoleAssets()
        : this(typeof(ConsoleAssets).Assembly)
    {
    }

    private ConsoleAssets(Assembly assembly)
    {
        var found = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var path = name[Prefix.Length..].Replace('\\', '/');
            if (!ContentTypes.TryGetValue(System.IO.Path.GetExtension(path), out var type))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            found[path] = new Asset(bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"");
        }

        files = found.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The file at <paramref name="path"/> (relative to wwwroot, '/'-separated), or null.</summary>
    public Asset? Find(string path) => files.GetValueOrDefault(path);

    /// <summary>One embedded file.</summary>
    internal sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
