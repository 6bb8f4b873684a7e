namespace Audit.Tests.Merkle;

/// <summary>Lists and resolves transparency-dev/merkle vector files in the shared test data.</summary>
internal static class VectorFiles
{
    public static string Resolve(string file)
    {
        if (TestData.MerkleVectors is null)
        {
            Assert.Fail("shared/testdata/merkle was not found above the test binaries.");
        }

        return Path.Combine(TestData.MerkleVectors, file);
    }

    public static TheoryData<string> List(string kind)
    {
        var data = new TheoryData<string>();
        if (TestData.MerkleVectors is not { } root)
        {
            // Keeps the theory from silently passing with no rows; Resolve then fails loudly.
            data.Add(Path.Combine(kind, "missing.json"));
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return data;
    }
}
