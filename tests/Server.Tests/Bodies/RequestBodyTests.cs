using System.Net;
using System.Text;
using System.Text.Json;

namespace Server.Tests.Bodies;

/// <summary>
/// Bodies that arrive cut short, stalled, too slowly or far too large, over real sockets to the
/// real server: every endpoint that reads a body answers a catalogued problem (or its protocol's
/// own rejection), never a 500. Times are bounds for an answer to come at all, never asserted.
/// </summary>
public sealed class RequestBodyTests(BodyLimitsFixture fixture) : IClassFixture<BodyLimitsFixture>
{
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Endpoints => [.. BodyEndpoint.All.Keys];

    private string[] Errors() => [.. fixture.Logs.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Error).Select(e => e.Message)];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Body_CutShortThenClosed_IsNoServerError(string name)
    {
        var endpoint = BodyEndpoint.All[name];
        var errorsBefore = Errors();
        await using var connection = await endpoint.ConnectAsync(fixture.Server);

        await connection.SendAsync(endpoint.Head(100) + "0123456789");
        await connection.HalfCloseAsync();

        // The server takes the end of the stream for the end of the connection and sends nothing
        // more; if it does answer, it is the refusal, and nothing fails inside it either way.
        var answer = await connection.ReadAnswerAsync(AnswerBound);
        if (answer is not null)
        {
            endpoint.AssertRefused(answer, "body-incomplete");
        }

        await Task.Delay(500);
        Assert.Equal(errorsBefore, Errors());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Body_BadChunkFraming_IsRefusedAsIncomplete(string name)
    {
        var endpoint = BodyEndpoint.All[name];
        await using var connection = await endpoint.ConnectAsync(fixture.Server);

        // A chunk of ten bytes, then a line that is no chunk size at all.
        await connection.SendAsync(endpoint.Head(null) + "a\r\n0123456789\r\nzz\r\n0\r\n\r\n");

        endpoint.AssertRefused(await connection.ReadAnswerAsync(AnswerBound), "body-incomplete");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Body_Stalled_IsRefusedAsTimeout(string name)
    {
        var endpoint = BodyEndpoint.All[name];
        await using var connection = await endpoint.ConnectAsync(fixture.Server);

        // Ten of the hundred bytes announced, then nothing, the connection left open.
        await connection.SendAsync(endpoint.Head(100) + "0123456789");

        endpoint.AssertRefused(await connection.ReadAnswerAsync(AnswerBound), "body-timeout");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Body_TricklingFasterThanTheMinimumRate_IsCutAtTheDeadline(string name)
    {
        // 100 bytes every 200 ms satisfies the server's minimum rate for ever; only the
        // whole-body deadline (3 s here) ends it, long before the 40 chunks are sent.
        var endpoint = BodyEndpoint.All[name];
        await using var connection = await endpoint.ConnectAsync(fixture.Server);
        await connection.SendAsync(endpoint.Head(null));
        using var stop = new CancellationTokenSource();
        var trickle = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < 40 && !stop.IsCancellationRequested; i++)
                {
                    await connection.SendAsync($"64\r\n{new string('a', 100)}\r\n");
                    await Task.Delay(200, stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The server closed the connection, as it should.
            }
        });

        var answer = await connection.ReadAnswerAsync(AnswerBound);
        await stop.CancelAsync();
        await trickle;

        endpoint.AssertRefused(answer, "body-timeout");
    }

    [Fact]
    public async Task Tsa_TenMegabytesChunkedFast_IsRejectedEveryTime()
    {
        var endpoint = BodyEndpoint.All["tsa"];
        var chunk = Encoding.ASCII.GetBytes($"{64 * 1024:x}\r\n" + new string('A', 64 * 1024) + "\r\n");
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await using var connection = await endpoint.ConnectAsync(fixture.Server);
            await connection.SendAsync(endpoint.Head(null));
            var send = Task.Run(async () =>
            {
                try
                {
                    for (var sent = 0; sent < 10 * 1024 * 1024; sent += 64 * 1024)
                    {
                        await connection.SendAsync(chunk);
                    }

                    await connection.SendAsync("0\r\n\r\n");
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                    // Refused part-way: the server closed the connection.
                }
            });

            var answer = await connection.ReadAnswerAsync(AnswerBound);
            await send;

            endpoint.AssertRefused(answer, "body-too-large");
        }
    }

    public static TheoryData<string, string, string> WrongShapes => new()
    {
        { "/pmi/attribute-certificates", """{"holderSerial": 12, "roles": ["clerk"]}""", "body-invalid" },
        { "/pmi/attribute-certificates", """{"holderSerial": "0a", "roles": "clerk"}""", "body-invalid" },
        { "/pmi/attribute-certificates", """{"holderSerial": "0a", "validityDays": "many"}""", "body-invalid" },
        { "/pmi/attribute-certificates", "[1, 2]", "body-invalid" },
        { "/pmi/delegations", """{"roles": {"a": 1}}""", "body-invalid" },
        { "/pki/certificates", """{"csr": ["x"], "profile": "tls-server"}""", "body-invalid" },
        { "/pki/certificates", "null", "body-invalid" },
        { "/pki/certificates", "{\"csr\": ", "json-invalid" },
        { "/pki/certificates/0a/revoke", """{"reason": "keyCompromise", "invalidityDate": "yesterday"}""", "body-invalid" },
        { "/authz/is-authorized", "{\"principal\": [", "json-invalid" },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public async Task Json_WrongShape_SaysWhereWithoutTypeNames(string path, string body, string code)
    {
        using var admin = fixture.Server.AdminClient();
        using var response = await admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(code, document.RootElement.GetProperty("code").GetString());
        var detail = document.RootElement.GetProperty("detail").GetString()!;
        // What is wrong and where: a line for text that is not JSON, a JSON path for a wrong shape.
        Assert.True(code == "json-invalid" ? detail.Contains("line 1", StringComparison.Ordinal)
            : detail.Contains("$.", StringComparison.Ordinal) || detail.Contains("JSON object", StringComparison.Ordinal), detail);
        foreach (var internalName in new[] { "Pmi.", "Platform.", "System.", "Pki." })
        {
            Assert.DoesNotContain(internalName, text);
        }
    }
}
