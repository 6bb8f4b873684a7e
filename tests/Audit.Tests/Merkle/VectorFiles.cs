namespace Audit.Tests.Merkle;

/// <summary>Lists and resolves transparency-dev/merkle vector files in the shared test data.</summary>
internal static class VectorFiles
{
    /// <summary>The one row a vector theory gets when the vectors are absent, so that it skips rather than vanishing.</summary>
    private const string Missing = "missing.json";

    /// <summary>The vector file's path; skips the calling test with the reason when the vectors are absent.</summary>
    public static string Resolve(string file) => Path.Combine(TestData.RequireMerkleVectors(), file);

    public static TheoryData<string> List(string kind)
    {
        var data = new TheoryData<string>();
        if (TestData.MerkleVectors is not { } root)
        {
            data.Add(Path.Combine(kind, Missing));
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return data;
    }
}
