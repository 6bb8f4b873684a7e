using Platform.Http;
using System.Text.RegularExpressions;

namespace Platform.Tests.Http;

/// <summary>
/// One catalogue of error codes: every code an answer can carry is a <see cref="ProblemCode"/>,
/// which only the catalogue can make, named in one word order and documented in docs/errors.md.
/// </summary>
public sealed partial class ProblemCatalogueTests
{
    [Fact]
    public void ProblemCode_HasNoPublicConstructor_SoEveryCodeIsInTheCatalogue()
    {
        Assert.Empty(typeof(ProblemCode).GetConstructors());
    }

    [Fact]
    public void Catalogue_Codes_AreUniqueLowercaseWordsJoinedByHyphens()
    {
        Assert.NotEmpty(ProblemCodes.All);
        Assert.All(ProblemCodes.All, code => Assert.Matches(CodeShape(), code.Value));
        Assert.Equal(ProblemCodes.All.Count, ProblemCodes.All.Select(c => c.Value).Distinct().Count());
        Assert.All(ProblemCodes.All, code => Assert.InRange(code.Status, 400, 599));
        Assert.All(ProblemCodes.All, code => Assert.False(string.IsNullOrWhiteSpace(code.Meaning), code.Value));
    }

    [Fact]
    public void Catalogue_Codes_NameTheThingFirst()
    {
        // The word order of every code: the thing, then what is wrong with it (serial-invalid, never invalid-serial).
        string[] leading = ["invalid", "unknown", "unsupported", "missing", "not", "already", "too", "bad", "malformed", "concurrent"];
        Assert.All(ProblemCodes.All, code => Assert.DoesNotContain(code.Value.Split('-')[0], leading));
    }

    [Fact]
    public void Documentation_ListsEveryCodeWithItsStatus()
    {
        var documented = DocumentedRow().Matches(File.ReadAllText(DocsFile()))
            .Select(m => (Code: m.Groups[1].Value, Status: int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();

        var catalogued = ProblemCodes.All.Select(c => (Code: c.Value, c.Status)).ToList();
        Assert.True(catalogued.OrderBy(c => c.Code).SequenceEqual(documented.OrderBy(c => c.Code)),
            "docs/errors.md must list exactly the catalogue; expected rows:\n" +
            string.Join("\n", ProblemCodes.All.Select(c => $"| `{c.Value}` | {c.Status} | {c.Meaning} |")));
    }

    [Fact]
    public void Sources_AnswerProblemsAndRecordRefusalCodesOnlyThroughTheCatalogue()
    {
        // The type system keeps Problems to catalogued codes; this keeps everything else to Problems:
        // no hand-made problem details, and no refusal code in an audit event that is a bare string.
        var root = Path.GetDirectoryName(Path.GetDirectoryName(DocsFile()))!;
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsOutsideTheProduct(Path.GetRelativePath(root, f)))
            .Where(f => !f.EndsWith(Path.Combine("Platform", "Http", "Problems.cs"), StringComparison.Ordinal))
            .Where(f => HandMadeProblem().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();

        Assert.Empty(offenders);
    }

    // Samples are applications of their own, on nothing of the platform's but its protocols: their
    // problems are theirs, not the platform's catalogue.
    private static bool IsOutsideTheProduct(string relative) =>
        relative.Split(Path.DirectorySeparatorChar) is var parts
        && (parts[0] is "tests" or "benchmarks" or "samples" || parts.Contains("bin") || parts.Contains("obj"));

    private static string DocsFile()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "errors.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/errors.md is not above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Results\.Problem\(|TypedResults\.Problem\(|new ProblemDetails\b|\[""code""\] = """)]
    private static partial Regex HandMadeProblem();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)+$")]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \| (\d{3}) \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedRow();
}
