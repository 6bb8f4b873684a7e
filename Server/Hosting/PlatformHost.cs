using Audit;
using Gateway;
using Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Pki.Ca;
using Pki.Tsa;
using Pmi.Authorization;
using Platform.Hosting;
using Platform.RateLimiting;
using Platform.Security;
using Serilog;
using Server.WebConsole;
using Signatures;
using System.Security.Cryptography.X509Certificates;

namespace Server.Hosting;

/// <summary>Composes every module into one web application: the platform's single process.</summary>
public static class PlatformHost
{
    /// <summary>The listeners used when none are configured.</summary>
    public static readonly string[] DefaultUrls = ["http://127.0.0.1:5000", "https://127.0.0.1:5001"];

    /// <summary>Builds the application from command-line arguments and the usual configuration sources.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelHttpsConfiguration();
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        // Each host keeps its own logger rather than replacing the static one, so several hosts in
        // one process (tests, tools) never write into each other's sinks.
        builder.Host.UseSerilog((context, services, logging) => Logging.Configure(context.Configuration, services, logging), preserveStaticLogger: true);
        ConfigureKestrel(builder);

        var services = builder.Services;
        services.AddPlatform(builder.Configuration);
        services.PostConfigure<PlatformOptions>(options => options.PublicBaseUrl ??= FirstHttpUrl(builder.Configuration["urls"]));
        services.AddPlatformSecurity();
        services.AddPlatformRateLimiting(builder.Configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<AuditUnavailableHandler>();
        services.AddExceptionHandler<KeyStoreUnavailableHandler>();
        services.AddExceptionHandler<BadRequestBodyHandler>();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("startup", tags: ["ready"]);
        services.AddSingleton<ReadinessCheck>();
        services.AddSingleton<IStartupTask, PublicAddressNotice>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter("SecurityPlatform.*")
            .AddPrometheusExporter());

        var modules = HostedModules.From(builder.Configuration);
        if (modules.Ca)
        {
            services.AddPkiCa(builder.Configuration);
        }

        if (modules.Tsa)
        {
            services.AddPkiTsa(builder.Configuration);
        }

        if (modules.Authorization)
        {
            services.AddPmiAuthorization(builder.Configuration);
        }

        services.AddAudit(builder.Configuration);
        if (modules.Signatures)
        {
            services.AddSignatures(builder.Configuration);
        }

        if (modules.Identity)
        {
            services.AddIdentity(builder.Configuration);
            services.AddConsole(builder.Configuration);
        }

        // Last: what the modules above registered is used in process; the rest is asked elsewhere.
        if (modules.Gateway)
        {
            services.AddGateway(builder.Configuration);
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        // Before authentication: a request refused for its address causes no audit event at all,
        // not even the refusal of a forged client certificate.
        app.UseRateLimiter();
        app.UsePlatformAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        if (modules.Ca)
        {
            app.MapPkiCa();
        }

        if (modules.Tsa)
        {
            app.MapPkiTsa();
        }

        if (modules.Authorization)
        {
            app.MapPmiAuthorization();
        }

        app.MapAudit();
        if (modules.Signatures)
        {
            app.MapSignatures();
        }

        if (modules.Identity)
        {
            app.MapIdentity();
            app.MapConsole();
        }

        if (modules.Gateway)
        {
            app.MapGateway();
        }

        return app;
    }

    /// <summary>Runs every module's start-up task (bootstrap), then starts listening.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        foreach (var task in app.Services.GetServices<IStartupTask>().OrderBy(t => t.Order))
        {
            await task.RunAsync(cancellationToken);
        }

        await app.StartAsync(cancellationToken);
        app.Services.GetRequiredService<ReadinessCheck>().MarkReady();
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            // A request is bounded in time as well as size: its headers within 15 s, its body no
            // slower than MinBytesPerSecond after a grace period (the server cuts it, 408), and the
            // whole body within TimeoutSeconds (RequestBody enforces it). See docs/errors.md, "Request bodies".
            var body = kestrel.ApplicationServices.GetRequiredService<IOptions<PlatformOptions>>().Value.RequestBody;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(body.MinBytesPerSecond, TimeSpan.FromSeconds(body.GracePeriodSeconds));
            kestrel.ConfigureHttpsDefaults(https =>
            {
                // Runs when the HTTPS listener binds, after the bootstrap issued the certificate. A
                // process without the CA (a gateway on its own) takes Kestrel's own certificate
                // settings instead (Kestrel:Certificates:Default:Path and KeyPath).
                if (kestrel.ApplicationServices.GetService<IServerCertificateSource>() is { } source)
                {
                    https.ServerCertificate = source.Current
                        ?? throw new InvalidOperationException("The HTTPS certificate was not issued before the listener started.");
                    https.ServerCertificateChain = source.Chain;
                }

                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                // Trust is decided by the platform's own validator, which knows its CAs and revocations.
                https.AllowAnyClientCertificate();
                // The TLS layer still builds a chain for the client certificate before it asks; by
                // default it would fetch the issuer (AIA), the CRL and OCSP from the addresses in the
                // certificate, which are this platform's own: a blocking call back into a server whose
                // threads the waiting handshakes hold, so a burst of new connections timed out their
                // handshakes. Nothing is fetched; the validator reads revocation from the CA's state.
                https.CheckCertificateRevocation = false;
                https.OnAuthenticate = (_, ssl) => ssl.CertificateChainPolicy = new X509ChainPolicy
                {
                    RevocationMode = X509RevocationMode.NoCheck,
                    DisableCertificateDownloads = true,
                };
            });
        });
    }

    private static string? FirstHttpUrl(string? urls) =>
        (urls ?? string.Join(';', DefaultUrls)).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
}
