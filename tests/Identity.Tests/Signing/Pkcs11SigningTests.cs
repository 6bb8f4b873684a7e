using Identity.Signing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Keys.Pkcs11;
using System.Security.Claims;
using TestSupport;

namespace Identity.Tests.Signing;

/// <summary>Token-signing keys in a PKCS#11 token (SoftHSM2): made in the token, signing there, verified by jose.</summary>
public sealed class Pkcs11SigningTests
{
    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    [InlineData("PS256")]
    public async Task FirstStart_KeyInTheToken_SignsThere_JoseVerifiesAgainstThePublishedJwk(string algorithm)
    {
        var hsm = SoftHsm.Require();
        var token = hsm.TakeToken();
        using var store = Connect(token);
        await using var harness = new SigningHarness(
            new() { ["Identity:SigningAlgorithm"] = algorithm, ["Identity:SigningRsaKeySize"] = "2048" }, store);
        await harness.StartAsync();
        var keyId = harness.Signer;

        var jws = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "alice")]),
            SigningCredentials = harness.Options.SigningCredentials[0],
        });
        var jwk = Assert.Single(await PublishedJwks.FromAsync(harness.Options));
        var verdict = await Jose.VerifyAsync(jwk, jws);

        Assert.True((bool?)verdict["verified"], verdict.ToJsonString());
        Assert.Equal(keyId, (string?)verdict["header"]!["kid"]);
        // The key is the token's: another connection to the token finds it, as a token key.
        using var again = Connect(token);
        Assert.IsType<Pkcs11SigningKey>(again.Open(keyId));
        // The token holds it as a sensitive, non-extractable private key.
        var objects = await hsm.Pkcs11ToolAsync("--token-label", token, "--login", "--pin", SoftHsm.UserPin, "--list-objects", "--type", "privkey");
        Assert.Contains(keyId, objects.Output, StringComparison.Ordinal);
        Assert.Contains("never extractable", objects.Output, StringComparison.Ordinal);
    }

    private static Pkcs11KeyStore Connect(string token) => Pkcs11KeyStore.Connect(
        new Pkcs11Settings { Library = SoftHsm.Library, TokenLabel = token, Pin = SoftHsm.UserPin }, NullLogger.Instance);
}
