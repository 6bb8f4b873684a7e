namespace Audit.Tests;

/// <summary>Finds the shared test data that lives beside the repository, never inside it.</summary>
internal static class TestData
{
    private static readonly Lazy<string?> MerkleRoot = new(() => Find(Path.Combine("shared", "testdata", "merkle")));

    /// <summary>The transparency-dev/merkle vector folder, or null when it is not beside the repository.</summary>
    public static string? MerkleVectors => MerkleRoot.Value is { } root ? Path.Combine(root, "testdata") : null;

    private static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
