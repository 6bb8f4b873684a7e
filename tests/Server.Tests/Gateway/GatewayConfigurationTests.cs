using System.Net;
using Microsoft.Extensions.Configuration;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Gateway;

/// <summary>Routes come from the <c>Gateway</c> section: checked when loaded, and reloaded when the configuration changes.</summary>
public sealed class GatewayConfigurationTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Theory]
    [InlineData("Authentication", "Password", "Authentication is Bearer, Certificate, BearerOrCertificate or Anonymous")]
    [InlineData("ResourceId", "{approval}", "not a parameter of the route's path")]
    [InlineData("Audience", "", "names the Audience")]
    [InlineData("RateLimitPerClient", "lots", "RateLimitPerClient is '<requests>/<seconds>'")]
    [InlineData("RateLimitPerRoute", "10/0", "RateLimitPerRoute is '<requests>/<seconds>'")]
    [InlineData("MaxRequestBodyBytes", "-1", "MaxRequestBodyBytes is a number of bytes")]
    public async Task RouteWhoseRequirementsDoNotRead_ThePlatformDoesNotStart_NamingTheRoute(string key, string value, string expected)
    {
        string[] metadata = ["Authentication", "BearerOrCertificate", "Audience", "https://approvals.city.example", "Action", "approve", "ResourceType", "Approval", "ResourceId", "{id}",
            "RateLimitPerClient", "600/60", "RateLimitPerRoute", "6000/60", "MaxRequestBodyBytes", "65536"];
        var index = Array.IndexOf(metadata, key);
        metadata[index + 1] = value;
        var arguments = new List<string> { "--Gateway:Routes:approve:Match:Path", "/approvals/{id}/approve", "--Gateway:Routes:approve:ClusterId", "approvals",
            "--Gateway:Clusters:approvals:Destinations:app:Address", "http://127.0.0.1:9/" };
        for (var i = 0; i < metadata.Length; i += 2)
        {
            arguments.AddRange([$"--Gateway:Routes:approve:Metadata:{metadata[i]}", metadata[i + 1]]);
        }

        var error = await Assert.ThrowsAnyAsync<Exception>(() => PlatformServer.StartAsync(data.Path, [.. arguments]));

        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("Gateway route 'approve'", messages, StringComparison.Ordinal);
        Assert.True(messages.Contains(expected, StringComparison.Ordinal), messages);
    }

    [Fact]
    public async Task ConfigurationFileChanged_TheNewRouteIsServedWithoutARestart_AnUnreadableChangeKeepsTheRoutesInForce()
    {
        await using var upstream = await Upstream.StartAsync();
        var file = data.File("gateway.json");
        File.WriteAllText(file, GatewayJson(upstream.Address, ("first", "Anonymous")));
        await using var server = await PlatformServer.StartAsync(data.Path,
            builder => builder.Configuration.AddJsonFile(file, optional: false, reloadOnChange: true));
        using var client = server.HttpsClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/first/x")).StatusCode);

        File.WriteAllText(file, GatewayJson(upstream.Address, ("first", "Anonymous"), ("second", "Anonymous")));
        await Eventually.EqualAsync(HttpStatusCode.OK, async () => (await client.GetAsync("/second/x")).StatusCode);

        File.WriteAllText(file, GatewayJson(upstream.Address, ("first", "Anonymous"), ("third", "Password")));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/second/x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/third/x")).StatusCode);
    }

    private static string GatewayJson(Uri upstream, params (string Prefix, string Authentication)[] routes)
    {
        var entries = routes.Select(r => $$"""
            "{{r.Prefix}}": { "ClusterId": "app", "Match": { "Path": "/{{r.Prefix}}/{**rest}" }, "Metadata": { "Authentication": "{{r.Authentication}}" } }
            """);
        return $$"""
            { "Gateway": { "Routes": { {{string.Join(",", entries)}} }, "Clusters": { "app": { "Destinations": { "one": { "Address": "{{upstream}}" } } } } } }
            """;
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
