using System.Formats.Tar;
using System.IO.Compression;

namespace Pmi.Authorization.Tests.Corpus;

/// <summary>
/// Finds the shared Cedar corpus by walking up from the test binaries, and extracts the generated
/// corpus once per test run into a temporary directory.
/// </summary>
internal static class CorpusLocator
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);
    private static readonly Lazy<string> GeneratedLazy = new(ExtractGenerated);

    /// <summary>The directory holding <c>tests/</c>, <c>sample-data/</c> and <c>corpus-tests.tar.gz</c>.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>A directory whose <c>corpus-tests/</c> child holds the extracted generated tests.</summary>
    public static string GeneratedRoot => GeneratedLazy.Value;

    public static IEnumerable<string> HandwrittenTests() =>
        Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> GeneratedTests() =>
        Directory.EnumerateFiles(Path.Combine(GeneratedRoot, "corpus-tests"), "*.json")
            .Where(f => !f.EndsWith(".entities.json", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(GeneratedRoot, f))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata", "cedar");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            var sibling = Path.Combine(dir.FullName, "..", "shared", "testdata", "cedar");
            if (Directory.Exists(sibling))
            {
                return Path.GetFullPath(sibling);
            }
        }

        throw new DirectoryNotFoundException("shared/testdata/cedar was not found above " + AppContext.BaseDirectory);
    }

    // Extracted once per corpus version and reused by later runs; extraction goes to a private
    // directory that is renamed into place, so concurrent runs never see a partial corpus.
    private static string ExtractGenerated()
    {
        var archive = new FileInfo(Path.Combine(Root, "corpus-tests.tar.gz"));
        var target = Path.Combine(Path.GetTempPath(), $"pmi-cedar-corpus-{archive.Length}-{archive.LastWriteTimeUtc.Ticks}");
        if (Directory.Exists(Path.Combine(target, "corpus-tests")))
        {
            return target;
        }

        var staging = target + "-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        using (var file = archive.OpenRead())
        using (var gz = new GZipStream(file, CompressionMode.Decompress))
        {
            TarFile.ExtractToDirectory(gz, staging, overwriteFiles: true);
        }

        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException) when (Directory.Exists(Path.Combine(target, "corpus-tests")))
        {
            // Another run finished extracting first; use its copy.
            Directory.Delete(staging, recursive: true);
        }

        return target;
    }
}
