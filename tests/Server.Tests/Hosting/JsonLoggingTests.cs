using System.Text.Json;
using TestSupport;

namespace Server.Tests.Hosting;

/// <summary>Platform:Logging:Json: the server process writes one JSON object per line, the request line's fields among its properties.</summary>
public sealed class JsonLoggingTests
{
    [Fact]
    public async Task JsonSwitch_RequestLine_IsAJsonObjectWithItsFields()
    {
        using var data = new TemporaryDirectory();
        await using var server = await ServerProcess.StartAsync(data.Path, "--Platform:Logging:Json", "true");
        using var http = new HttpClient { BaseAddress = server.Http };
        await http.GetAsync("/pki/cas?token=not-in-the-log");

        JsonElement? line = null;
        for (var attempt = 0; attempt < 100 && line is null; attempt++)
        {
            line = server.RecentOutput.Split('\n').Where(l => l.StartsWith('{'))
                .Select(l => JsonDocument.Parse(l).RootElement)
                .FirstOrDefault(e => e.TryGetProperty("RequestPath", out var p) && p.GetString() == "/pki/cas") is { ValueKind: JsonValueKind.Object } found ? found : null;
            await Task.Delay(50);
        }

        Assert.True(line is not null, "no JSON request line in:\n" + server.RecentOutput);
        var root = line.Value;
        Assert.Equal("GET", root.GetProperty("RequestMethod").GetString());
        Assert.Equal(200, root.GetProperty("StatusCode").GetInt32());
        Assert.Equal("anonymous", root.GetProperty("Actor").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("Elapsed").ValueKind);
        Assert.DoesNotContain("not-in-the-log", server.RecentOutput, StringComparison.Ordinal);
    }
}
