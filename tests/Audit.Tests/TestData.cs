using TestSupport;

namespace Audit.Tests;

/// <summary>Finds the shared test data that lives beside the repository, never inside it.</summary>
internal static class TestData
{
    /// <summary>The transparency-dev/merkle vector folder, or null when it is not beside the repository.</summary>
    public static string? MerkleVectors => SharedData.Find("merkle", "testdata");

    /// <summary>The transparency-dev/merkle vector folder; skips the calling test with the reason when it is absent.</summary>
    public static string RequireMerkleVectors() => SharedData.Require("merkle", "testdata");
}
