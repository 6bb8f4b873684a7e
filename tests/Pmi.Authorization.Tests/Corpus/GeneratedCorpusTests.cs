using Pmi.Authorization.Testing;

namespace Pmi.Authorization.Tests.Corpus;

public sealed class GeneratedCorpusTests
{
    public static TheoryData<string> Files() => new(CorpusLocator.GeneratedTests());

    [Theory]
    [MemberData(nameof(Files))]
    public void Run_GeneratedFile_MatchesExpectedResponses(string file)
    {
        var root = CorpusLocator.GeneratedRoot;
        var result = new IntegrationTestRunner(root).Run(Path.Combine(root, file));
        CorpusAssert.AllRequestsPass(result);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Validate_GeneratedFile_MatchesShouldValidate(string file)
    {
        var root = CorpusLocator.GeneratedRoot;
        var result = new IntegrationTestRunner(root).Run(Path.Combine(root, file));
        CorpusAssert.ValidationMatches(result);
    }
}
