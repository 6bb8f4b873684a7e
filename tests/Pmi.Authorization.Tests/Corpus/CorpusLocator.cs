using System.Formats.Tar;
using System.IO.Compression;
using TestSupport;

namespace Pmi.Authorization.Tests.Corpus;

/// <summary>
/// Finds the shared Cedar corpus beside the repository (<see cref="SharedData"/>), and extracts the
/// generated corpus once per test run into a temporary directory. Where the corpus is absent (a
/// fresh clone) the tests that read it skip with the reason.
/// </summary>
internal static class CorpusLocator
{
    /// <summary>The one row a corpus theory gets when the corpus is absent, so that it skips rather than vanishing.</summary>
    public const string Missing = "corpus-missing.json";

    private static readonly Lazy<string> GeneratedLazy = new(ExtractGenerated);

    /// <summary>
    /// The directory holding <c>tests/</c>, <c>sample-data/</c> and <c>corpus-tests.tar.gz</c>;
    /// skips the calling test when the corpus is absent.
    /// </summary>
    public static string Root => SharedData.Require("cedar");

    /// <summary>A directory whose <c>corpus-tests/</c> child holds the extracted generated tests.</summary>
    public static string GeneratedRoot
    {
        get
        {
            _ = Root;
            return GeneratedLazy.Value;
        }
    }

    public static IEnumerable<string> HandwrittenTests()
    {
        if (SharedData.Find("cedar") is not { } root)
        {
            return [Missing];
        }

        return Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal);
    }

    public static IEnumerable<string> GeneratedTests()
    {
        if (SharedData.Find("cedar") is null)
        {
            return [Missing];
        }

        return Directory.EnumerateFiles(Path.Combine(GeneratedLazy.Value, "corpus-tests"), "*.json")
            .Where(f => !f.EndsWith(".entities.json", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(GeneratedLazy.Value, f))
            .Order(StringComparer.Ordinal);
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
