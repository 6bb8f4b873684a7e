using Pmi.Authorization.Authorization;
using Pmi.Authorization.Testing;
using System.Text.Json;

namespace Server.Cli;

/// <summary>
/// <c>authz run-tests FILE.json…</c>: runs Cedar integration-test files and prints one JSON line per
/// request. File names inside the test files resolve against the working directory, as in the
/// cedar-integration-tests corpus, so the command is run from the corpus root.
/// </summary>
internal static class AuthzCommand
{
    public const string Summary = "Authorization: 'authz run-tests FILE.json…' runs Cedar integration-test files.";

    public static Task<int> RunAsync(string[] args) =>
        Task.FromResult(Run(args, Console.Out, Console.Error, Directory.GetCurrentDirectory()));

    /// <summary>Runs the command with explicit streams and working directory, so it can run in-process.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, string workingDirectory)
    {
        if (args.FirstOrDefault() != "run-tests" || args.Length < 2 || args.Skip(1).Any(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            error.WriteLine("Usage: authz run-tests FILE.json…   (run from the directory the files' policies/entities/schema paths are relative to)");
            return 2;
        }

        var runner = new IntegrationTestRunner(workingDirectory);
        var allPassed = true;
        foreach (var file in args.Skip(1))
        {
            var result = runner.Run(Path.Combine(workingDirectory, file));
            allPassed &= WriteFile(file, result, output);
        }

        output.Flush();
        return allPassed ? 0 : 1;
    }

    /// <summary>Writes the file's request lines, and a file line when the file itself failed; returns whether all passed.</summary>
    private static bool WriteFile(string file, TestFileResult result, TextWriter output)
    {
        var passed = true;
        foreach (var request in result.Requests)
        {
            output.WriteLine(RequestLine(file, request));
            passed &= request.Passed;
        }

        // A file that cannot be read, has no requests to carry its setup error, or whose validation
        // outcome disagrees with shouldValidate fails as a whole; it gets one line with "request": null.
        var setupUnreported = result.SetupError is not null && result.Requests.Count == 0;
        if (setupUnreported || (result.Validated is not null && !result.ValidationPassed))
        {
            output.WriteLine(FileLine(file, result));
            passed = false;
        }

        return passed;
    }

    private static string RequestLine(string file, RequestResult request) => Line(writer =>
    {
        writer.WriteString("file", file);
        writer.WriteString("request", request.Description);
        if (request.Decision is { } decision)
        {
            writer.WriteString("decision", Name(decision));
        }
        else
        {
            writer.WriteNull("decision");
        }

        WriteStrings(writer, "reasons", request.Reasons);
        WriteStrings(writer, "errors", request.Errors);
        writer.WriteStartObject("expected");
        writer.WriteString("decision", Name(request.ExpectedDecision));
        WriteStrings(writer, "reasons", request.ExpectedReasons);
        WriteStrings(writer, "errors", request.ExpectedErrors);
        writer.WriteEndObject();
        if (request.Failure is not null)
        {
            writer.WriteString("error", request.Failure);
        }

        writer.WriteBoolean("pass", request.Passed);
    });

    private static string FileLine(string file, TestFileResult result) => Line(writer =>
    {
        writer.WriteString("file", file);
        writer.WriteNull("request");
        if (result.Validated is not null)
        {
            writer.WriteStartObject("validation");
            writer.WriteBoolean("expected", result.ShouldValidate);
            writer.WriteBoolean("actual", result.Validated.Value);
            WriteStrings(writer, "errors", result.ValidationErrors);
            writer.WriteEndObject();
        }

        if (result.SetupError is not null)
        {
            writer.WriteString("error", result.SetupError);
        }

        writer.WriteBoolean("pass", false);
    });

    private static string Line(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string Name(Decision decision) => decision == Decision.Allow ? "allow" : "deny";
}
