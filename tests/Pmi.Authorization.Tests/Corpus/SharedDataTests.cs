using TestSupport;

namespace Pmi.Authorization.Tests.Corpus;

/// <summary>
/// A clone without the shared test data beside it skips the tests that read it, with the reason,
/// and fails none of them.
/// </summary>
public sealed class SharedDataTests
{
    // xunit's contract: an exception whose message starts with this token skips the test.
    private const string SkipToken = "$XunitDynamicSkip$";

    [Fact]
    public void Locate_SharedFolderInAnAncestor_FindsIt()
    {
        using var directory = new TemporaryDirectory();
        var shared = Directory.CreateDirectory(Path.Combine(directory.Path, "shared", "testdata")).FullName;
        var binaries = Directory.CreateDirectory(Path.Combine(directory.Path, "repo", "tests", "X.Tests", "bin")).FullName;

        Assert.Equal(shared, SharedData.Locate(binaries));
    }

    [Fact]
    public void Locate_NoSharedFolderInTheClone_FindsNoneInsideIt()
    {
        using var directory = new TemporaryDirectory();
        var binaries = Directory.CreateDirectory(Path.Combine(directory.Path, "repo", "tests", "X.Tests", "bin")).FullName;

        var found = SharedData.Locate(binaries);

        Assert.True(found is null || !found.StartsWith(directory.Path, StringComparison.Ordinal), found);
    }

    [Fact]
    public void Require_AbsentData_SkipsWithTheReason()
    {
        var missing = "absent-" + Guid.NewGuid().ToString("n");

        // Caught by hand: the runner would turn the escaping skip into this test's own outcome.
        string? reason = null;
        try
        {
            SharedData.Require(missing);
        }
        catch (Exception e)
        {
            reason = e.Message;
        }

        // The skip token is stripped before any assertion can quote the text: a failure message
        // that carried it would be reported as a skip.
        Assert.True(reason?.StartsWith(SkipToken, StringComparison.Ordinal), "Require did not skip.");
        var text = reason![SkipToken.Length..];
        Assert.Contains("shared/testdata/" + missing, text, StringComparison.Ordinal);
        Assert.Contains("CI has it", text, StringComparison.Ordinal);
    }
}
