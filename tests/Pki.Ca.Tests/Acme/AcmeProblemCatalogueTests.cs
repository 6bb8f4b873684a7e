using System.Text.RegularExpressions;
using Pki.Ca.Acme;

namespace Pki.Ca.Tests.Acme;

/// <summary>The ACME error types the server answers with are the RFC's, and docs/errors.md lists each with its status.</summary>
public sealed partial class AcmeProblemCatalogueTests
{
    [Fact]
    public void Documentation_ListsEveryAcmeErrorType_WithItsStatus()
    {
        var text = File.ReadAllText(DocsFile());
        var section = text[text.IndexOf("## ACME", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var documented = Row().Matches(section).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").Order(StringComparer.Ordinal);

        Assert.Equal(AcmeProblems.All.Select(p => $"{p.Name} {p.Status}").Order(StringComparer.Ordinal), documented);
    }

    [Fact]
    public void ErrorTypes_AreTheAcmeNamespace_AndUnique()
    {
        Assert.All(AcmeProblems.All, p => Assert.StartsWith("urn:ietf:params:acme:error:", p.Type));
        Assert.Equal(AcmeProblems.All.Count, AcmeProblems.All.Select(p => p.Name).Distinct().Count());
        var declared = typeof(AcmeProblems).GetFields().Where(f => f.FieldType == typeof(AcmeProblem)).Select(f => (AcmeProblem)f.GetValue(null)!);
        Assert.Equal(declared.OrderBy(p => p.Name), AcmeProblems.All.OrderBy(p => p.Name));
    }

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

        throw new FileNotFoundException("docs/errors.md not found above the test's directory.");
    }

    [GeneratedRegex(@"^\| `urn:ietf:params:acme:error:(\w+)` \| (\d{3}) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
