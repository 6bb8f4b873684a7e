using Identity.Server.Tokens;
using Identity.Signing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Platform.Keys;
using System.Security.Claims;
using System.Security.Cryptography;
using TestSupport;

namespace Identity.Tests.Server.Tokens;

/// <summary>
/// A verified token is taken again without a second verification only while what its verification
/// rested on holds: its lifetime, the key that signed it, the provider's issuer.
/// </summary>
public sealed class VerifiedAccessTokensTests : IDisposable
{
    private const string Issuer = "https://platform.city.example/";

    private readonly TemporaryDirectory directory = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly SigningCredentials credentials;
    private readonly OpenIddictServerOptions server = new() { Issuer = new Uri(Issuer) };

    public VerifiedAccessTokensTests()
    {
        var store = new SoftwareKeyStore(directory.Path, KeyEncryptionKey.FromBytes(RandomNumberGenerator.GetBytes(32), "test"));
        var algorithm = TokenSigningAlgorithm.From(new SigningOptions());
        credentials = KeyStoreSigningCredentials.Create(store.Create(algorithm.Key, "identity-signing"), algorithm);
        server.SigningCredentials.Add(credentials);
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task VerifiedToken_IsTakenAgain_WithItsClaimsAndStoredEntry()
    {
        var cache = new VerifiedAccessTokens(time);
        var (token, jwt) = await VerifiedAsync();

        var added = cache.Add(token, jwt, server);
        var found = cache.TryGet(token, server, out var again);

        Assert.True(found);
        Assert.Equal(added, again);
        Assert.Equal("reporting-app", again.Claims.ClientId);
        Assert.Equal("entry-1", again.StoredId);
        Assert.False(cache.TryGet(token + "x", server, out _));
    }

    [Fact]
    public async Task ExpiredToken_IsNotTakenAgain_PastTheSameSkewAsItsFirstCheck()
    {
        var cache = new VerifiedAccessTokens(time);
        var (token, jwt) = await VerifiedAsync();
        cache.Add(token, jwt, server);

        time.Advance(TimeSpan.FromMinutes(5) + AccessTokenParameters.ClockSkew - TimeSpan.FromSeconds(1));
        var withinSkew = cache.TryGet(token, server, out _);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(withinSkew);
        Assert.False(cache.TryGet(token, server, out _));
    }

    [Fact]
    public async Task TokenOfAKeyNoLongerSigning_OrOfAnotherIssuer_IsNotTakenAgain()
    {
        var cache = new VerifiedAccessTokens(time);
        var (token, jwt) = await VerifiedAsync();
        cache.Add(token, jwt, server);
        var withdrawn = new OpenIddictServerOptions { Issuer = new Uri(Issuer) };
        var moved = new OpenIddictServerOptions { Issuer = new Uri("https://elsewhere.city.example/") };
        moved.SigningCredentials.Add(credentials);

        Assert.False(cache.TryGet(token, withdrawn, out _));
        Assert.False(cache.TryGet(token, moved, out _));
    }

    [Fact]
    public async Task FullCache_IsDropped_AndRefills()
    {
        var cache = new VerifiedAccessTokens(time);
        var (token, jwt) = await VerifiedAsync();
        for (var i = 0; i < VerifiedAccessTokens.MaxEntries; i++)
        {
            cache.Add(token + i, jwt, server);
        }

        cache.Add(token, jwt, server);

        Assert.False(cache.TryGet(token + "0", server, out _));
        Assert.True(cache.TryGet(token, server, out _));
    }

    /// <summary>A token signed through the key store, and the result of its full validation.</summary>
    private async Task<(string Token, JsonWebToken Jwt)> VerifiedAsync()
    {
        var handler = new JsonWebTokenHandler { MapInboundClaims = false };
        var now = time.GetUtcNow().UtcDateTime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            TokenType = "at+jwt",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Subject = new ClaimsIdentity([new Claim("sub", "reporting-app"), new Claim("client_id", "reporting-app"), new Claim(StoredTokens.IdClaim, "entry-1")]),
            SigningCredentials = credentials,
        });
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            ValidTypes = ["at+jwt"],
            IssuerSigningKey = credentials.Key,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (token, (JsonWebToken)result.SecurityToken);
    }
}
