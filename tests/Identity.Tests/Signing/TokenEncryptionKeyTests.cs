using Identity.Signing;
using Identity.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Keys;
using Platform.Storage;
using Platform.Tests.Storage.Harness;
using System.Security.Claims;
using System.Security.Cryptography;

namespace Identity.Tests.Signing;

public sealed class TokenEncryptionKeyTests : IAsyncDisposable
{
    private readonly SqliteStorageTarget target = new();
    private readonly IModuleDatabase database;
    private readonly ModuleSettings settings;
    private readonly byte[] kek = RandomNumberGenerator.GetBytes(32);

    public TokenEncryptionKeyTests()
    {
        database = target.CreateFactory().Open(IdentityServiceCollectionExtensions.DatabaseName, IdentityMigrations.All);
        settings = new ModuleSettings(database);
    }

    public ValueTask DisposeAsync() => target.DisposeAsync();

    private TokenEncryptionKey Key(byte[]? under = null) =>
        new(database, settings, new SecretSealer(KeyEncryptionKey.FromBytes(under ?? kek, "test")), NullLogger<TokenEncryptionKey>.Instance);

    [Fact]
    public async Task LoadOrCreate_SecondStart_GetsTheSameKey()
    {
        var first = await Key().LoadOrCreateAsync();
        var second = await Key().LoadOrCreateAsync();

        Assert.Equal(((SymmetricSecurityKey)first.Key).Key, ((SymmetricSecurityKey)second.Key).Key);
        Assert.Equal(256, first.Key.KeySize);
        Assert.Equal(SecurityAlgorithms.Aes256KW, first.Alg);
        Assert.Equal(SecurityAlgorithms.Aes256CbcHmacSha512, first.Enc);
    }

    [Fact]
    public async Task LoadOrCreate_StoresTheKeySealed_NotInTheClear()
    {
        var credentials = await Key().LoadOrCreateAsync();
        var stored = Convert.FromBase64String((await settings.GetAsync(TokenEncryptionKey.Setting))!);

        var raw = ((SymmetricSecurityKey)credentials.Key).Key;
        Assert.DoesNotContain(Convert.ToHexString(raw), Convert.ToHexString(stored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadOrCreate_AfterTheKeyEncryptionKeyWasReplaced_MakesANewKeyUnderTheNewOne_Once()
    {
        var old = await Key().LoadOrCreateAsync();
        var newKek = RandomNumberGenerator.GetBytes(32);

        var replaced = await Key(newKek).LoadOrCreateAsync();
        var again = await Key(newKek).LoadOrCreateAsync();

        Assert.NotEqual(((SymmetricSecurityKey)old.Key).Key, ((SymmetricSecurityKey)replaced.Key).Key);
        Assert.Equal(((SymmetricSecurityKey)replaced.Key).Key, ((SymmetricSecurityKey)again.Key).Key);
    }

    [Fact]
    public async Task Credentials_EncryptAndDecryptAToken()
    {
        var credentials = await Key().LoadOrCreateAsync();
        var handler = new JsonWebTokenHandler();
        var signing = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256);
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "alice")]),
            SigningCredentials = signing,
            EncryptingCredentials = credentials,
        });

        var reloaded = await Key().LoadOrCreateAsync();
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = signing.Key,
            TokenDecryptionKey = reloaded.Key,
            ValidateIssuer = false,
            ValidateAudience = false,
        });

        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal(5, token.Split('.').Length);
    }
}
