using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Console.Load;
using Issuance.Load;
using Microsoft.Playwright;

// The console's in-browser audit verification and search as an officer meets them: the real
// platform (child process), Debian's Chromium driven by Playwright, an officer signed in through
// the real login page. Each verification is the page's own measurement (performance.now() around
// fetching the event, the checkpoint and the proof and checking them with WebCrypto); each search
// is the page's own measurement of GET /audit/events. Prints the median and 95th percentile.
ConsoleLoadOptions options;
try
{
    options = ConsoleLoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    System.Console.Error.WriteLine(e.Message);
    return 2;
}

var chromium = "/usr/bin/chromium";
if (!File.Exists(chromium))
{
    System.Console.Error.WriteLine("Console.Load needs Debian's chromium at /usr/bin/chromium.");
    return 2;
}

using var cancel = new CancellationTokenSource();
System.Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
await using var server = await ServerProcess.StartAsync(ServerLocator.Find(options.ServerPath), options.DataDirectory, auditLog: false, cancel.Token);
using var clients = new AdminClientFactory(server.DataDirectory, server.Https, http2: false);
using var admin = clients.Create();

// The events to verify: people registered by the administrator, one audit event each.
for (var i = 0; i < options.Events; i++)
{
    using var created = await admin.PostAsJsonAsync("/identity/people",
        new { login = $"clerk-{i:D6}", displayName = "Clerk", department = "civil-affairs" }, cancel.Token);
    created.EnsureSuccessStatusCode();
}

var login = "officer-load";
var password = "a long enough officer password";
(await admin.PostAsJsonAsync("/identity/people", new { login, displayName = "Load Officer", department = "audit-office", password, roles = new[] { "auditor" } })).EnsureSuccessStatusCode();
using var enrol = await admin.PostAsync($"/identity/people/{login}/totp", null);
var secret = Totp.SecretOf((await enrol.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("otpauthUri").GetString()!);
var step = Totp.StepNow();
(await admin.PostAsJsonAsync($"/identity/people/{login}/totp/confirm", new { code = Totp.Code(secret, step) })).EnsureSuccessStatusCode();
using (var published = await admin.PostAsync("/audit/checkpoint", null))
{
    published.EnsureSuccessStatusCode();
}

// The signed note's second line is the tree size: the log the searches and proofs run on.
var logSize = (await admin.GetStringAsync("/audit/checkpoint", cancel.Token)).Split('\n')[1];

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});
await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
var page = await context.NewPageAsync();
var console = server.Https.GetLeftPart(UriPartial.Authority) + "/console";
await page.GotoAsync(console);
await page.ClickAsync("#sign-in");
await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/identity/login");
await page.FillAsync("#login", login);
await page.FillAsync("#password", password);
await page.FillAsync("#code", Totp.Code(secret, step + 1));
await page.ClickAsync("#sign-in");
await page.Locator("#signed-in-as").WaitForAsync();

async Task OpenEventAsync(long index)
{
    await page.EvaluateAsync("hash => { location.hash = hash; }", $"#/audit/event/{index}");
    await page.Locator($"#event-heading:text-is('Audit event {index}')").WaitForAsync();
    await page.ClickAsync("#verify");
}

// The officer pins the key once (trust on first use), on the first event.
try
{
    await OpenEventAsync(0);
    await page.ClickAsync("#pin-key");
    await page.Locator("#verdict").WaitForAsync();
}
catch (TimeoutException)
{
    System.Console.Error.WriteLine($"The first verification did not offer the key; the page shows: {await page.Locator("main").TextContentAsync()}");
    throw;
}

async Task<ILocator> VerifyAsync(long index)
{
    await OpenEventAsync(index);
    var verdict = page.Locator("#verdict");
    await verdict.WaitForAsync();
    return verdict;
}

var total = new List<double>();
var checks = new List<double>();
var random = new Random(17);
for (var i = 0; i < options.Verifications; i++)
{
    var index = random.NextInt64(0, options.Events);
    var verdict = await VerifyAsync(index);
    var outcome = await verdict.GetAttributeAsync("data-verdict");
    if (outcome != "verified")
    {
        System.Console.Error.WriteLine($"Event {index} was not verified: {outcome} {await verdict.TextContentAsync()}");
        return 1;
    }

    total.Add(double.Parse((await verdict.GetAttributeAsync("data-total-ms"))!, CultureInfo.InvariantCulture));
    checks.Add(double.Parse((await verdict.GetAttributeAsync("data-check-ms"))!, CultureInfo.InvariantCulture));
}

var searches = new List<double>();
for (var i = 0; i < options.Searches; i++)
{
    // A new route each time (the page runs the search on every navigation): unfiltered, by one
    // action, by outcome, and by two filters (on a log without such events, they find none).
    var query = (i % 4) switch
    {
        0 => $"limit=50&n={i}",
        1 => $"action=person.create&limit=50&n={i}",
        2 => $"outcome=denied&limit=50&n={i}",
        _ => $"actor={Uri.EscapeDataString("CN=gateway,O=City")}&module=pki&limit=50&n={i}",
    };
    await page.EvaluateAsync("hash => { location.hash = hash; }", $"#/audit?{query}");
    var time = page.Locator($"#audit-search-time");
    await page.WaitForFunctionAsync("n => location.hash.endsWith('n=' + n) && document.querySelector('#audit-search-time')", i);
    searches.Add(double.Parse((await time.GetAttributeAsync("data-ms"))!, CultureInfo.InvariantCulture));
}

static string Figures(List<double> values)
{
    var sorted = values.Order().ToList();
    double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"median {At(0.5):F1} ms, p95 {At(0.95):F1} ms, max {sorted[^1]:F1} ms (n={sorted.Count})");
}

System.Console.WriteLine($"machine: {MachineInfo.Describe()}; {browser.Version}; log of {logSize} events");
System.Console.WriteLine($"verify one event in the browser (fetches + checks): {Figures(total)}");
System.Console.WriteLine($"  of which hashing and signature checks:            {Figures(checks)}");
System.Console.WriteLine($"audit search, 50 events per page:                    {Figures(searches)}");
return 0;
