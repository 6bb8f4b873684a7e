using Identity.Signing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Platform.Cryptography;
using Platform.Keys;
using System.Security.Claims;
using System.Security.Cryptography;
using TestSupport;

namespace Identity.Tests.Signing;

public sealed class KeyStoreSigningCredentialsTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();
    private readonly IKeyStore store;

    public KeyStoreSigningCredentialsTests() =>
        store = new SoftwareKeyStore(directory.Path, KeyEncryptionKey.FromBytes(RandomNumberGenerator.GetBytes(32), "test"));

    public void Dispose() => directory.Dispose();

    public static TheoryData<string, int> Algorithms => new()
    {
        { "ES256", 3072 },
        { "RS256", 2048 },
        { "RS256", 3072 },
        { "PS256", 2048 },
        { "PS256", 3072 },
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Token_SignedThroughTheKeyStore_VerifiesWithJoseAgainstThePublishedJwk(string jws, int rsaBits)
    {
        var algorithm = TokenSigningAlgorithm.From(new SigningOptions { SigningAlgorithm = jws, SigningRsaKeySize = rsaBits });
        var credentials = KeyStoreSigningCredentials.Create(store.Create(algorithm.Key, "identity-signing"), algorithm);
        var token = Sign(credentials);

        var options = new OpenIddictServerOptions();
        options.SigningCredentials.Add(credentials);
        var jwk = Assert.Single(await PublishedJwks.FromAsync(options));
        var verdict = await Jose.VerifyAsync(jwk, token);

        Assert.True((bool?)verdict["verified"], verdict.ToJsonString());
        Assert.Equal(jws, (string?)verdict["header"]!["alg"]);
        Assert.Equal(credentials.Key.KeyId, (string?)verdict["header"]!["kid"]);
        Assert.Equal(credentials.Key.KeyId, (string?)jwk["kid"]);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task PublishedJwk_HoldsOnlyThePublicKey(string jws, int rsaBits)
    {
        var algorithm = TokenSigningAlgorithm.From(new SigningOptions { SigningAlgorithm = jws, SigningRsaKeySize = rsaBits });
        var credentials = KeyStoreSigningCredentials.Create(store.Create(algorithm.Key, "identity-signing"), algorithm);
        var options = new OpenIddictServerOptions();
        options.SigningCredentials.Add(credentials);

        var jwk = Assert.Single(await PublishedJwks.FromAsync(options));

        Assert.Null(jwk["d"]);
        Assert.Null(jwk["p"]);
        Assert.Equal(jws, (string?)jwk["alg"]);
        Assert.Equal(jws == "ES256" ? "EC" : "RSA", (string?)jwk["kty"]);
        // The key reports its private half as present (in the store), which OpenIddict demands of a signing key.
        Assert.Equal(PrivateKeyStatus.Exists, ((AsymmetricSecurityKey)credentials.Key).PrivateKeyStatus);
    }

    [Fact]
    public async Task Es256Signature_IsTheJwsRAndSForm_NotDer()
    {
        var algorithm = TokenSigningAlgorithm.From(new SigningOptions());
        var key = store.Create(algorithm.Key, "identity-signing");
        var token = Sign(KeyStoreSigningCredentials.Create(key, algorithm));

        var signature = Base64UrlEncoder.DecodeBytes(token.Split('.')[2]);
        Assert.Equal(64, signature.Length);
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo.Span, out _);
        var signedPart = System.Text.Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]);
        Assert.True(ecdsa.VerifyData(signedPart, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        await Task.CompletedTask;
    }

    [Fact]
    public void Ps256_SignsWithPss_NotPkcs1()
    {
        var algorithm = TokenSigningAlgorithm.From(new SigningOptions { SigningAlgorithm = "PS256" });
        var key = store.Create(algorithm.Key, "identity-signing");
        var token = Sign(KeyStoreSigningCredentials.Create(key, algorithm));

        var signature = Base64UrlEncoder.DecodeBytes(token.Split('.')[2]);
        var signedPart = System.Text.Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]);
        Assert.True(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, SignatureScheme.RsaPssSha256, signedPart, signature));
        Assert.False(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, SignatureScheme.RsaPkcs1Sha256, signedPart, signature));
    }

    [Fact]
    public async Task Token_SignedThroughTheKeyStore_ValidatesWithJsonWebTokenHandler()
    {
        var algorithm = TokenSigningAlgorithm.From(new SigningOptions());
        var credentials = KeyStoreSigningCredentials.Create(store.Create(algorithm.Key, "identity-signing"), algorithm);
        var token = Sign(credentials);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = credentials.Key,
            ValidateIssuer = false,
            ValidateAudience = false,
        });

        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Theory]
    [InlineData("EdDSA", "Identity:SigningAlgorithm EdDSA is not supported")]
    [InlineData("HS256", "Identity:SigningAlgorithm 'HS256' is not one of ES256, RS256, PS256.")]
    [InlineData("es256", "Identity:SigningAlgorithm 'es256'")]
    public void From_UnsupportedAlgorithm_RefusesNamingTheSetting(string name, string message)
    {
        var e = Assert.Throws<InvalidOperationException>(() => TokenSigningAlgorithm.From(new SigningOptions { SigningAlgorithm = name }));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_RsaKeySizeOtherThan2048Or3072_RefusesNamingTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => TokenSigningAlgorithm.From(new SigningOptions { SigningAlgorithm = "RS256", SigningRsaKeySize = 1024 }));
        Assert.Contains("Identity:SigningRsaKeySize", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Signs a token the way OpenIddict does: JsonWebTokenHandler with the credentials.</summary>
    private static string Sign(SigningCredentials credentials) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim("sub", "alice")]),
        Issuer = "https://idp.example",
        SigningCredentials = credentials,
    });
}
