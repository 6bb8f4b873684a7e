using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Platform.Security;

namespace Platform.Tests.Security;

/// <summary>Which scheme the platform's default authentication forwards a request to, and which endpoints it runs for.</summary>
public sealed class PlatformAuthenticationTests
{
    [Fact]
    public void BearerRequest_GoesToTheBearerScheme_WhenEnabled()
    {
        var enabled = new ServiceCollection().Configure<PlatformAuthenticationOptions>(o => o.BearerTokens = true).BuildServiceProvider();
        var disabled = new ServiceCollection().Configure<PlatformAuthenticationOptions>(o => o.BearerTokens = false).BuildServiceProvider();

        Assert.Equal(PlatformAuthentication.BearerScheme, PlatformAuthentication.Select(Request(enabled, "Bearer eyJ.a.token")));
        Assert.Equal(PlatformAuthentication.CertificateScheme, PlatformAuthentication.Select(Request(enabled, "Basic YTpi")));
        Assert.Equal(PlatformAuthentication.CertificateScheme, PlatformAuthentication.Select(Request(disabled, "Bearer eyJ.a.token")));
    }

    [Fact]
    public async Task EndpointThatAuthenticatesItself_RunsNoSchemeAtAll_OthersRunTheRequestHandlersAndTheDefaultOnce()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Counter>();
        builder.Services.AddAuthentication("default")
            .AddScheme<AuthenticationSchemeOptions, CountingHandler>("default", null)
            .AddScheme<AuthenticationSchemeOptions, CountingRequestHandler>("provider", null);
        await using var app = builder.Build();
        app.UsePlatformAuthentication();
        app.MapGet("/api", (HttpContext context) => context.User.Identity?.AuthenticationType ?? "none");
        app.MapGet("/gateway", (HttpContext context) => context.User.Identity?.AuthenticationType ?? "none").WithMetadata(AuthenticatesItself.Instance);
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var counter = app.Services.GetRequiredService<Counter>();

        var gateway = await client.GetStringAsync("/gateway", TestContext.Current.CancellationToken);
        var afterGateway = counter.Calls;
        var api = await client.GetStringAsync("/api", TestContext.Current.CancellationToken);

        Assert.Equal("none", gateway);
        Assert.Empty(afterGateway);
        Assert.Equal("counted", api);
        Assert.Equal(["provider:request", "default:authenticate"], counter.Calls);
    }

    private static DefaultHttpContext Request(IServiceProvider services, string? authorization = null, Endpoint? endpoint = null)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        context.SetEndpoint(endpoint ?? new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "api"));
        return context;
    }

    private sealed class Counter
    {
        private readonly List<string> calls = [];

        public IReadOnlyList<string> Calls
        {
            get
            {
                lock (calls)
                {
                    return [.. calls];
                }
            }
        }

        public void Add(string call)
        {
            lock (calls)
            {
                calls.Add(call);
            }
        }
    }

    private class CountingHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, Counter counter)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, NullLoggerFactory.Instance, UrlEncoder.Default)
    {
        protected Counter Counter => counter;

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            counter.Add(Scheme.Name + ":authenticate");
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("counted")), Scheme.Name)));
        }
    }

    /// <summary>Like the identity provider's scheme: asked about every request whether it handles it.</summary>
    private sealed class CountingRequestHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, Counter counter)
        : CountingHandler(options, counter), IAuthenticationRequestHandler
    {
        public Task<bool> HandleRequestAsync()
        {
            Counter.Add(Scheme.Name + ":request");
            return Task.FromResult(false);
        }
    }
}
