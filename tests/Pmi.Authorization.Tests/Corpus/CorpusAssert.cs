using Pmi.Authorization.Testing;

namespace Pmi.Authorization.Tests.Corpus;

internal static class CorpusAssert
{
    public static void AllRequestsPass(TestFileResult result)
    {
        var failures = result.Requests.Where(r => !r.Passed).Select(Describe).ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    public static void ValidationMatches(TestFileResult result)
    {
        Assert.Null(result.SetupError);
        Assert.True(
            result.ValidationPassed,
            $"shouldValidate={result.ShouldValidate} but validated={result.Validated}: {string.Join("; ", result.ValidationErrors)}");
    }

    private static string Describe(RequestResult r) =>
        $"{r.Description}: got {r.Decision} [{string.Join(",", r.Reasons)}] errors [{string.Join(",", r.Errors)}], " +
        $"expected {r.ExpectedDecision} [{string.Join(",", r.ExpectedReasons)}] errors [{string.Join(",", r.ExpectedErrors)}]" +
        (r.Failure is null ? string.Empty : " failure: " + r.Failure);
}
