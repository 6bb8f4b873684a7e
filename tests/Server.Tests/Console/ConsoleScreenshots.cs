using Microsoft.Playwright;

namespace Server.Tests.Console;

/// <summary>
/// Screenshots of console pages, written under the test output directory (console-screenshots/,
/// never committed) and named after the test and the step; each path is printed with the test's
/// diagnostic messages so a reviewer can open it.
/// </summary>
public static class ConsoleScreenshots
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    public static async Task<string> TakeAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var test = TestContext.Current.Test?.TestDisplayName ?? "test";
        var file = Path.Combine(Directory, Safe($"{Short(test)}-{name}") + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.Current.SendDiagnosticMessage($"Screenshot: {file}");
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {file}");
        return file;
    }

    private static string Short(string test) => test[(test.LastIndexOf('.') + 1)..];

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
