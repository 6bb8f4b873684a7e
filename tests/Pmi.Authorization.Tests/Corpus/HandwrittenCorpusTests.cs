using Pmi.Authorization.Testing;

namespace Pmi.Authorization.Tests.Corpus;

public sealed class HandwrittenCorpusTests
{
    public static TheoryData<string> Files() => new(CorpusLocator.HandwrittenTests());

    [Theory]
    [MemberData(nameof(Files))]
    public void Run_HandwrittenFile_MatchesExpectedResponses(string file)
    {
        var result = new IntegrationTestRunner(CorpusLocator.Root).Run(Path.Combine(CorpusLocator.Root, file));
        CorpusAssert.AllRequestsPass(result);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Validate_HandwrittenFile_MatchesShouldValidate(string file)
    {
        var result = new IntegrationTestRunner(CorpusLocator.Root).Run(Path.Combine(CorpusLocator.Root, file));
        CorpusAssert.ValidationMatches(result);
    }
}
