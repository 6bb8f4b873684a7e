using Identity.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;

namespace Identity.Tests.Signing;

/// <summary>
/// OpenIddict's own start-up validation and credential sort (<c>OpenIddictServerConfiguration</c>)
/// over the options the ring configures: it accepts the credentials, and the signer stays first.
/// </summary>
public sealed class OpenIddictAcceptanceTests : IAsyncLifetime
{
    private readonly SigningHarness harness = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task ServerConfiguration_AcceptsTheCredentials_AndKeepsTheSignerFirst_ThroughARotation()
    {
        await harness.StartAsync();
        var old = harness.Signer;
        var next = (await harness.Services.GetRequiredService<SigningKeyRotation>().RotateAsync()).Key.KeyId;
        await harness.RestartAsync();

        Assert.Equal([old, next], Validated().SigningCredentials.Select(c => c.Kid));

        harness.Time.Advance(TimeSpan.FromHours(48));
        var options = Validated();
        Assert.Equal([next, old], options.SigningCredentials.Select(c => c.Kid));
        Assert.Equal([next, old], options.TokenValidationParameters.IssuerSigningKeys.Select(k => k.KeyId));
        Assert.Equal(TokenEncryptionKey.KeyId, Assert.Single(options.EncryptionCredentials).Key.KeyId);
    }

    /// <summary>Options as the ring configures them, then through OpenIddict's post-configuration, as the server sees them.</summary>
    private OpenIddictServerOptions Validated()
    {
        var options = new OpenIddictServerOptions { JsonWebTokenHandler = new JsonWebTokenHandler() };
        options.GrantTypes.Add("client_credentials");
        options.TokenEndpointUris.Add(new Uri("connect/token", UriKind.Relative));
        options.EnableDegradedMode = true;
        options.Handlers.Add(OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddictServerEvents.ValidateTokenRequestContext>()
            .UseInlineHandler(_ => default).SetType(OpenIddictServerHandlerType.Custom).Build());
        foreach (var configure in harness.Services.GetServices<Microsoft.Extensions.Options.IConfigureOptions<OpenIddictServerOptions>>())
        {
            configure.Configure(options);
        }

        new OpenIddictServerConfiguration(harness.Services).PostConfigure(null, options);
        return options;
    }
}
