using Identity.Signing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Keys.Inventory;

namespace Identity.Tests.Signing;

public sealed class SigningKeyRingTests : IAsyncLifetime
{
    // Defaults: 48 hours' activation; refresh tokens (14 days) plus 5 minutes of skew set the retention.
    private static readonly TimeSpan Activation = TimeSpan.FromHours(48);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(14) + TimeSpan.FromMinutes(5);
    private readonly SigningHarness harness = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => harness.DisposeAsync();

    private SigningKeyRotation Rotation => harness.Services.GetRequiredService<SigningKeyRotation>();

    [Fact]
    public async Task FirstStart_CreatesOneKeyInTheStore_ThatSignsAtOnce()
    {
        await harness.StartAsync();

        var ring = await Rotation.LoadAsync();
        var key = Assert.Single(ring.Keys);
        Assert.Equal("ES256", key.Jws);
        Assert.Equal(harness.Time.GetUtcNow(), key.Activates);
        Assert.Equal(key.KeyId, harness.Signer);
        Assert.Equal([key.KeyId], harness.Published);
        Assert.NotNull(harness.Store.Open(key.KeyId));
        Assert.Single(harness.Options.EncryptionCredentials);
    }

    [Fact]
    public async Task Start_OnANodeWhoseClockRunsBehindTheOneThatMadeTheFirstKey_SignsWithIt()
    {
        await harness.StartAsync();
        var first = harness.Signer;

        await harness.RestartAsync(harness.Time.GetUtcNow() - TimeSpan.FromMinutes(2));

        Assert.Equal(first, harness.Signer);
        Assert.Equal([first], harness.Published);
    }

    [Fact]
    public async Task SecondStart_KeepsTheFirstKey()
    {
        await harness.StartAsync();
        var first = harness.Signer;

        await harness.RestartAsync();

        Assert.Equal(first, harness.Signer);
        Assert.Single((await Rotation.LoadAsync()).Keys);
    }

    [Fact]
    public async Task Rotation_PublishesTheNextKey_SwitchesSignerAtActivation_DropsTheOldAfterRetention_WithoutRestart()
    {
        await harness.StartAsync();
        var old = harness.Signer;
        harness.Time.Advance(TimeSpan.FromHours(1));
        var rotated = await Rotation.RotateAsync();
        Assert.Equal(SigningKeyRotationOutcome.Created, rotated.Outcome);
        Assert.Equal(harness.Time.GetUtcNow() + Activation, rotated.Key.Activates);
        var next = rotated.Key.KeyId;

        // The command ran with the server stopped: the restarted server publishes the next key first, signs with the old one.
        await harness.RestartAsync();
        Assert.Equal(old, harness.Signer);
        Assert.Equal([old, next], harness.Published);

        harness.Time.Advance(Activation - TimeSpan.FromSeconds(1));
        Assert.Equal(old, harness.Signer);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(next, harness.Signer);
        Assert.Equal([next, old], harness.Published);

        harness.Time.Advance(Retention - TimeSpan.FromSeconds(1));
        Assert.Equal([next, old], harness.Published);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([next], harness.Published);
        Assert.Equal(next, harness.Signer);
        // Dropped from the JWKS, kept in the store.
        Assert.NotNull(harness.Store.Open(old));
    }

    [Fact]
    public async Task Rotate_WhileANextKeyIsPending_ChangesNothing()
    {
        await harness.StartAsync();
        var first = await Rotation.RotateAsync();
        var before = await harness.Settings.GetAsync(SigningKeyRing.Setting);

        var second = await Rotation.RotateAsync();

        Assert.Equal(SigningKeyRotationOutcome.AlreadyPending, second.Outcome);
        Assert.Equal(first.Key, second.Key);
        Assert.Equal(before, await harness.Settings.GetAsync(SigningKeyRing.Setting));
    }

    [Fact]
    public async Task Rotate_AfterTheNextKeyActivated_MakesAnother()
    {
        await harness.StartAsync();
        await Rotation.RotateAsync();
        harness.Time.Advance(Activation);

        var again = await Rotation.RotateAsync();

        Assert.Equal(SigningKeyRotationOutcome.Created, again.Outcome);
        Assert.Equal(3, (await Rotation.LoadAsync()).Keys.Count);
    }

    [Fact]
    public async Task Rotate_TakesTheAlgorithmTheSettingsNameNow()
    {
        await using var rsa = new SigningHarness(new() { ["Identity:SigningAlgorithm"] = "PS256", ["Identity:SigningRsaKeySize"] = "2048" });
        await rsa.StartAsync();

        Assert.Equal("PS256", rsa.Options.SigningCredentials[0].Algorithm);
        Assert.Equal("PS256", Assert.Single((await rsa.Services.GetRequiredService<SigningKeyRotation>().LoadAsync()).Keys).Jws);
    }

    [Theory]
    [InlineData("Identity:SigningAlgorithm", "EdDSA")]
    [InlineData("Identity:SigningAlgorithm", "none")]
    [InlineData("Identity:SigningRsaKeySize", "4096")]
    [InlineData("Identity:SigningKeyActivationHours", "-1")]
    public async Task Start_WithBadSettings_RefusesNamingTheSetting(string setting, string value)
    {
        await using var bad = new SigningHarness(new() { [setting] = value });

        var e = await Assert.ThrowsAsync<InvalidOperationException>(bad.StartAsync);

        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
        Assert.Null(await bad.Settings.GetAsync(SigningKeyRing.Setting));
    }

    [Fact]
    public void Options_BeforeTheStartupTask_RefuseWithAClearMessage()
    {
        var e = Assert.Throws<InvalidOperationException>(() => harness.Options);
        Assert.Contains("start-up task", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inventory_ClaimsCurrentNextAndRetiredKeys()
    {
        await harness.StartAsync();
        var old = harness.Signer;
        var next = (await Rotation.RotateAsync()).Key.KeyId;
        IKeyInventorySource source = harness.Services.GetServices<IKeyInventorySource>().OfType<SigningKeyInventorySource>().Single();

        var claims = await source.ListAsync();
        Assert.Equal("identity token signing (current)", claims.Single(c => c.KeyId == old).Purpose);
        Assert.Equal("identity token signing (next)", claims.Single(c => c.KeyId == next).Purpose);

        harness.Time.Advance(Activation);
        claims = await source.ListAsync();
        Assert.Equal("identity token signing (retired)", claims.Single(c => c.KeyId == old).Purpose);
        Assert.Equal("identity token signing (current)", claims.Single(c => c.KeyId == next).Purpose);
    }
}
