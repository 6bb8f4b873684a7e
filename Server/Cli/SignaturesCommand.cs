using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Server.Cli;

/// <summary>
/// <c>signatures sign|verify|encrypt|decrypt</c>: the signature service of a running platform from the
/// command line. Files are DER; the report of <c>verify</c> is printed readably, or as the service's
/// JSON with <c>--json</c>. Exit status: 0 done (for verify: TOTAL-PASSED), 1 refused or not passed, 2 usage.
/// </summary>
internal static class SignaturesCommand
{
    public const string Summary = "Signatures: 'signatures sign|verify|encrypt|decrypt --url URL --ca root-ca.pem …' (see 'signatures --help').";

    private const string UsageText = """
        Usage: signatures COMMAND --url https://HOST:5001 --ca ROOT.pem (--cert CERT.pem --key KEY.pem | --token TOKEN) [options]
          sign     --in FILE --out SIG.p7s (--seal DEPARTMENT | --signer-cert CERT.pem --signer-key KEY.pem)
                   [--level B-B|B-T|B-LT|B-LTA] [--detached]
                   With --seal the department's seal signs; with --signer-cert/--signer-key the signed attributes
                   are signed here with your own key, which never leaves this machine.
          verify   --in SIG.p7s [--content FILE] [--json]      exit 0 only for TOTAL-PASSED
          encrypt  --in FILE --out ENVELOPED.p7m [--content-encryption aes-256-gcm|aes-256-cbc|sm4-cbc] RECIPIENT.pem…
          decrypt  --in ENVELOPED.p7m --out FILE
        --data-dir DIR stands for --ca DIR/root-ca.pem. The defaults: --url https://127.0.0.1:5001.
        """;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs the command with explicit streams, so it can run in-process.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var arguments = new CommandArguments(args.Skip(1));
        var command = args.FirstOrDefault();
        if (command is "help" or "--help" or "-h")
        {
            await output.WriteLineAsync(UsageText);
            return 0;
        }

        if (command is not ("sign" or "verify" or "encrypt" or "decrypt") || Client(arguments, error) is not { } client)
        {
            await error.WriteLineAsync(UsageText);
            return 2;
        }

        using (client)
        {
            try
            {
                return command switch
                {
                    "sign" => await SignAsync(client, arguments, output, error),
                    "verify" => await VerifyAsync(client, arguments, output, error),
                    "encrypt" => await EncryptAsync(client, arguments, output, error),
                    _ => await DecryptAsync(client, arguments, output, error),
                };
            }
            catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException or TaskCanceledException)
            {
                await error.WriteLineAsync($"signatures {command}: {e.Message}");
                return 1;
            }
        }
    }

    private static HttpClient? Client(CommandArguments arguments, TextWriter error)
    {
        var root = arguments["ca"] ?? (arguments["data-dir"] is { } dir ? Path.Combine(dir, "root-ca.pem") : null);
        if (!Uri.TryCreate(arguments["url"] ?? "https://127.0.0.1:5001", UriKind.Absolute, out var url) || url.Scheme != "https" || root is null)
        {
            error.WriteLine("--url must be the platform's HTTPS listener and --ca (or --data-dir) its root certificate.");
            return null;
        }

        if ((arguments["cert"] is null || arguments["key"] is null) && arguments["token"] is null)
        {
            error.WriteLine("Authenticate with --cert and --key (a client certificate of the platform) or --token (an access token).");
            return null;
        }

        return PlatformHttpClient.Create(url, root, arguments["cert"], arguments["key"], arguments["token"]);
    }

    private static async Task<int> SignAsync(HttpClient client, CommandArguments arguments, TextWriter output, TextWriter error)
    {
        if (arguments["in"] is not { } input || arguments["out"] is not { } target
            || (arguments["seal"] is null == (arguments["signer-cert"] is null || arguments["signer-key"] is null)))
        {
            await error.WriteLineAsync(UsageText);
            return 2;
        }

        var content = await File.ReadAllBytesAsync(input);
        var request = new JsonObject
        {
            ["content"] = Convert.ToBase64String(content),
            ["detached"] = arguments["detached"] is not null,
            ["level"] = arguments["level"] ?? "B-B",
        };
        if (arguments["seal"] is { } seal)
        {
            request["seal"] = seal;
        }
        else if (await OwnKeySignature.AddAsync(client, request, arguments["signer-cert"]!, arguments["signer-key"]!, error) is false)
        {
            return 1;
        }

        if (await PostAsync(client, "signatures/sign", request, error) is not { } answer)
        {
            return 1;
        }

        await File.WriteAllBytesAsync(target, Convert.FromBase64String(answer["signature"]!.GetValue<string>()));
        await output.WriteLineAsync($"Signed {input} ({arguments["level"] ?? "B-B"}{(arguments["detached"] is null ? "" : ", detached")}): {target}");
        return 0;
    }

    private static async Task<int> VerifyAsync(HttpClient client, CommandArguments arguments, TextWriter output, TextWriter error)
    {
        if (arguments["in"] is not { } input)
        {
            await error.WriteLineAsync(UsageText);
            return 2;
        }

        var request = new JsonObject { ["signature"] = Convert.ToBase64String(await File.ReadAllBytesAsync(input)) };
        if (arguments["content"] is { } content)
        {
            request["content"] = Convert.ToBase64String(await File.ReadAllBytesAsync(content));
        }

        if (await PostAsync(client, "signatures/verify", request, error) is not { } report)
        {
            return 1;
        }

        await output.WriteLineAsync(arguments["json"] is not null ? report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) : ValidationReportText.Format(report));
        return report["indication"]?.GetValue<string>() == "TOTAL-PASSED" ? 0 : 1;
    }

    private static async Task<int> EncryptAsync(HttpClient client, CommandArguments arguments, TextWriter output, TextWriter error)
    {
        if (arguments["in"] is not { } input || arguments["out"] is not { } target || arguments.Positional.Count == 0)
        {
            await error.WriteLineAsync(UsageText);
            return 2;
        }

        var recipients = new JsonArray();
        foreach (var file in arguments.Positional)
        {
            recipients.Add(await File.ReadAllTextAsync(file));
        }

        var request = new JsonObject { ["content"] = Convert.ToBase64String(await File.ReadAllBytesAsync(input)), ["recipients"] = recipients };
        if (arguments["content-encryption"] is { } algorithm)
        {
            request["contentEncryption"] = algorithm;
        }

        if (await PostAsync(client, "signatures/encrypt", request, error) is not { } answer)
        {
            return 1;
        }

        await File.WriteAllBytesAsync(target, Convert.FromBase64String(answer["enveloped"]!.GetValue<string>()));
        await output.WriteLineAsync($"Encrypted {input} to {recipients.Count} recipient(s): {target}");
        return 0;
    }

    private static async Task<int> DecryptAsync(HttpClient client, CommandArguments arguments, TextWriter output, TextWriter error)
    {
        if (arguments["in"] is not { } input || arguments["out"] is not { } target)
        {
            await error.WriteLineAsync(UsageText);
            return 2;
        }

        var request = new JsonObject { ["enveloped"] = Convert.ToBase64String(await File.ReadAllBytesAsync(input)) };
        if (await PostAsync(client, "signatures/decrypt", request, error) is not { } answer)
        {
            return 1;
        }

        await File.WriteAllBytesAsync(target, Convert.FromBase64String(answer["content"]!.GetValue<string>()));
        await output.WriteLineAsync($"Decrypted {input}: {target}");
        return 0;
    }

    /// <summary>POSTs <paramref name="request"/>; the answer's JSON, or null after printing the problem the service answered.</summary>
    internal static async Task<JsonObject?> PostAsync(HttpClient client, string path, JsonObject request, TextWriter error)
    {
        using var response = await client.PostAsJsonAsync(path, request);
        var body = await response.Content.ReadAsStringAsync();
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
        }

        if (response.IsSuccessStatusCode && json is not null)
        {
            return json;
        }

        var problem = json is null
            ? $"{(int)response.StatusCode} {response.ReasonPhrase}"
            : $"{json["title"]?.ToString() ?? response.ReasonPhrase}: {json["detail"]} ({json["code"] ?? json["type"]}, {(int)response.StatusCode})";
        await error.WriteLineAsync($"{path}: {problem}");
        return null;
    }
}
