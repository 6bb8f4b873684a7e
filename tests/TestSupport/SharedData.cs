using Xunit;

namespace TestSupport;

/// <summary>
/// Finds the shared conformance data (<c>shared/testdata</c>: the Cedar integration corpus, the
/// transparency-dev Merkle vectors) that sits beside the repository, never inside it: the first
/// ancestor of the test binaries that has a <c>shared/testdata</c> child. A fresh clone has none,
/// so tests that read it skip with the reason (<see cref="Require"/>); CI has it and lets nothing
/// skip.
/// </summary>
public static class SharedData
{
    /// <summary>The folder the tests look for in each ancestor of their binaries.</summary>
    public const string FolderName = "shared/testdata";

    // Not a throwing static initializer: a missing folder must skip the tests that need it, not
    // fail every test of a class through a TypeInitializationException.
    private static readonly Lazy<string?> RootLazy = new(() => Locate(AppContext.BaseDirectory));

    /// <summary>The shared test data folder, or null when no ancestor of the test binaries has one.</summary>
    public static string? Root => RootLazy.Value;

    /// <summary>True when the shared test data is there.</summary>
    public static bool IsPresent => Root is not null;

    /// <summary>The path of <paramref name="parts"/> under the shared data, or null when it is absent.</summary>
    public static string? Find(params string[] parts)
    {
        if (Root is not { } root)
        {
            return null;
        }

        var path = Path.Combine([root, .. parts]);
        return Directory.Exists(path) || File.Exists(path) ? path : null;
    }

    /// <summary>
    /// The path of <paramref name="parts"/> under the shared data; skips the calling test with the
    /// reason when it is absent.
    /// </summary>
    public static string Require(params string[] parts)
    {
        var path = Find(parts);
        if (path is null)
        {
            Assert.Skip(MissingReason(parts));
        }

        return path!;
    }

    /// <summary>Why a test that needs <paramref name="parts"/> did not run.</summary>
    public static string MissingReason(params string[] parts) =>
        $"The shared test data ({string.Join('/', [FolderName, .. parts])}) is not beside this clone " +
        $"(looked above {AppContext.BaseDirectory}); CI has it.";

    /// <summary>The first <c>shared/testdata</c> folder in <paramref name="start"/> or one of its ancestors, or null.</summary>
    public static string? Locate(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "testdata");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
