using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IdentityModule = Identity.IdentityServiceCollectionExtensions;
using Identity.People.SignIn;
using Identity.People.Totp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Hosting;
using Platform.Keys;
using Platform.Storage;
using Server.Cli;
using Server.Hosting;
using Server.Tests.Hosting;
using Server.Tests.Identity;
using TestSupport;

namespace Server.Tests.Keys;

/// <summary>
/// <c>keys rewrap</c> and the identity module's secrets sealed under the key-encryption key: the
/// people's TOTP seeds and the token-encryption key are re-sealed, so one-time codes, authorization
/// codes and refresh tokens issued before still work after the restart with the new key.
/// </summary>
public sealed class SealedSecretRewrapTests : IDisposable
{
    private const string Password = "a long enough password";

    // Fixed across restarts (each start listens on new ports): tokens name the issuer they were issued by.
    private static readonly string[] Issuer = ["--Identity:Issuer", "https://login.city.example/"];

    private readonly TemporaryDirectory data = new();
    private readonly TemporaryDirectory outside = new();

    public void Dispose()
    {
        data.Dispose();
        outside.Dispose();
    }

    [Fact]
    public Task Rewrap_Sqlite_TotpCodesCodesAndRefreshTokensStillWorkAfterRestart() => RewrapKeepsSecretsAsync([]);

    [Fact]
    public async Task Rewrap_PostgreSql_TotpCodesCodesAndRefreshTokensStillWorkAfterRestart()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await RewrapKeepsSecretsAsync(["--Platform:Storage:Provider", "PostgreSql", "--Platform:Storage:ConnectionString", database.ConnectionString]);
    }

    [Fact]
    public async Task Rewrap_WrongOldKek_ExitsOne_DatabaseUnchanged()
    {
        await using (var server = await StartAsync([]))
        {
            await EnrolAsync(server, "wrong.kek");
        }

        var before = await SealedValuesAsync([]);
        var wrong = WriteKek("wrong.bin");
        var newKek = WriteKek("new-kek.bin");

        Assert.Equal(1, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", newKek.File, "--Platform:DataDirectory", data.Path,
            "--Platform:Keys:KeyEncryptionKeyFile", wrong.File]));

        Assert.Equal(before, await SealedValuesAsync([]));

        // Each store on its own refuses too (the command stops at the key files first).
        await using (var app = PlatformHost.Build(["--Platform:DataDirectory", data.Path]))
        {
            var current = new SecretSealer(KeyEncryptionKey.FromBytes(wrong.Key, "wrong"));
            var next = new SecretSealer(KeyEncryptionKey.FromBytes(newKek.Key, "next"));
            // The identity module's two stores hold values here; the CA's escrowed keys are none yet.
            var stores = app.Services.GetServices<ISealedSecretStore>().Where(s => s.Name.StartsWith("identity ", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, stores.Count);
            foreach (var store in stores)
            {
                var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ResealAsync(current, next, CancellationToken.None));
                Assert.Contains("nothing was changed", refused.Message, StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await SealedValuesAsync([]));
    }

    [Fact]
    public async Task Rewrap_SealedSeedOpensUnderNeitherKey_ExitsOne_KeyFilesAndDatabaseUnchanged()
    {
        await using (var server = await StartAsync([]))
        {
            await EnrolAsync(server, "good.seed");
            await CreatePersonAsync(server, "foreign.seed");
        }

        // A seed sealed under some other key-encryption key: moved from another installation, or damaged.
        var foreign = new SecretSealer(KeyEncryptionKey.FromBytes(RandomNumberGenerator.GetBytes(32), "test"))
            .Seal(TotpEnrolment.SealPurpose, "foreign.seed", RandomNumberGenerator.GetBytes(20));
        await WriteIdentityAsync([], "UPDATE people SET totp_pending = @value WHERE login = @login", ("value", foreign), ("login", "foreign.seed"));
        var sealedBefore = await SealedValuesAsync([]);
        var filesBefore = KeyFiles();
        var newKek = WriteKek("new-kek.bin");

        Assert.Equal(1, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", newKek.File, "--Platform:DataDirectory", data.Path]));

        Assert.Equal(sealedBefore, await SealedValuesAsync([]));
        Assert.Equal(filesBefore, KeyFiles());
        var refused = Assert.Single(await KeyCommandAudit.EventsAsync(data.Path, "keys.rewrap"));
        Assert.Equal("failure", refused.GetProperty("outcome").GetString());
        Assert.Contains("'foreign.seed'", refused.GetProperty("details").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewrap_InterruptedAfterOneStore_ThenAfterTheStoresAndOneFile_RerunFinishes()
    {
        Enrolled enrolled;
        Tokens tokens;
        await using (var server = await StartAsync([]))
        {
            enrolled = await EnrolAsync(server, "interrupted");
            tokens = await TokensAsync(server);
        }

        var oldKek = await File.ReadAllBytesAsync(Path.Combine(data.Path, "kek.bin"));
        var newKek = WriteKek("new-kek.bin");

        // A crash after the first store committed: the token-encryption key is under the new key, the seeds are not.
        Assert.Equal(1, await ResealDirectlyAsync(oldKek, newKek.Key, store => store.Name == "identity token-encryption key"));

        // A crash after the stores and one key file.
        RewrapResult partial;
        await using (var app = PlatformHost.Build(["--Platform:DataDirectory", data.Path]))
        {
            partial = await SoftwareKeyRewrap.RunAsync(app.Services.GetRequiredService<IOptions<PlatformOptions>>().Value, newKek.Key, app.Services, stopAfter: 1);
        }

        Assert.Equal((1, 1), (partial.Resealed, partial.Rewrapped));
        Assert.Equal(oldKek, await File.ReadAllBytesAsync(Path.Combine(data.Path, "kek.bin")));

        Assert.Equal(0, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", newKek.File, "--Platform:DataDirectory", data.Path]));

        var done = Assert.Single(await KeyCommandAudit.EventsAsync(data.Path, "keys.rewrap"));
        Assert.Equal("0", done.GetProperty("details").GetProperty("resealed").GetString());
        await using var restarted = await StartAsync([]);
        await AssertStillWorkAsync(restarted, enrolled, tokens);
    }

    private async Task RewrapKeepsSecretsAsync(string[] storage)
    {
        Enrolled enrolled;
        Tokens tokens;
        byte[] pendingSecret;
        await using (var server = await StartAsync(storage))
        {
            enrolled = await EnrolAsync(server, "officer.admin", "administrator");
            await CreatePersonAsync(server, "pending.person");
            pendingSecret = await StartEnrolmentAsync(server, "pending.person");
            tokens = await TokensAsync(server);
        }

        var newKek = WriteKek("new-kek.bin");
        Assert.Equal(0, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", newKek.File, "--Platform:DataDirectory", data.Path, .. storage]));

        Assert.Equal(newKek.Key, await File.ReadAllBytesAsync(Path.Combine(data.Path, "kek.bin")));
        if (storage.Length == 0)
        {
            // The confirmed seed, the pending one and the token-encryption key.
            var recorded = Assert.Single(await KeyCommandAudit.EventsAsync(data.Path, "keys.rewrap"));
            Assert.Equal("3", recorded.GetProperty("details").GetProperty("resealed").GetString());
        }

        // Nothing is left under the old key: a second run has nothing to re-seal.
        await using (var app = PlatformHost.Build(["--Platform:DataDirectory", data.Path, .. storage]))
        {
            var again = await SoftwareKeyRewrap.RunAsync(app.Services.GetRequiredService<IOptions<PlatformOptions>>().Value, newKek.Key, app.Services);
            Assert.Equal((0, 0), (again.Resealed, again.Rewrapped));
        }

        await using var restarted = await StartAsync(storage);
        await AssertStillWorkAsync(restarted, enrolled, tokens);

        // The enrolment started before is confirmed after.
        using var admin = restarted.AdminClient();
        using var confirmed = await admin.PostAsJsonAsync("/identity/people/pending.person/totp/confirm",
            new { code = TotpCode.Compute(pendingSecret, TotpCode.StepAt(DateTimeOffset.UtcNow)) });
        Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
    }

    private static async Task AssertStillWorkAsync(PlatformServer server, Enrolled enrolled, Tokens tokens)
    {
        var signIn = server.Services.GetRequiredService<PasswordSignIn>();
        var step = Math.Max(TotpCode.StepAt(DateTimeOffset.UtcNow), enrolled.ConfirmedStep + 1);
        var signedIn = await signIn.SignInAsync(new SignInAttempt(enrolled.Login, Password, TotpCode.Compute(enrolled.Secret, step), IPAddress.Loopback));
        Assert.True(signedIn.Succeeded, signedIn.Reason.ToString());

        var redeemed = await CodeFlowTests.RedeemAsync(server, tokens.ClientId, tokens.Code, tokens.Verifier);
        Assert.True(redeemed.StatusCode == HttpStatusCode.OK, redeemed.Body.ToString());
        var refreshed = await CodeFlowTests.RefreshAsync(server, tokens.ClientId, tokens.RefreshToken);
        Assert.True(refreshed.StatusCode == HttpStatusCode.OK, refreshed.Body.ToString());
    }

    private Task<PlatformServer> StartAsync(string[] storage) => PlatformServer.StartAsync(data.Path, [.. Issuer, .. storage]);

    /// <summary>A person with a confirmed authenticator: its seed and the step its confirming code used up.</summary>
    private static async Task<Enrolled> EnrolAsync(PlatformServer server, string login, string role = "clerk")
    {
        await CreatePersonAsync(server, login, role);
        var secret = await StartEnrolmentAsync(server, login);
        var step = TotpCode.StepAt(DateTimeOffset.UtcNow);
        using var admin = server.AdminClient();
        using var confirmed = await admin.PostAsJsonAsync($"/identity/people/{login}/totp/confirm", new { code = TotpCode.Compute(secret, step) });
        Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
        return new Enrolled(login, secret, step);
    }

    private static async Task CreatePersonAsync(PlatformServer server, string login, string role = "clerk")
    {
        using var admin = server.AdminClient();
        using var created = await admin.PostAsJsonAsync("/identity/people", new { login, displayName = "Test Person", department = "works", password = Password, roles = new[] { role } });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    /// <summary>Starts an enrolment; the pending seed.</summary>
    private static async Task<byte[]> StartEnrolmentAsync(PlatformServer server, string login)
    {
        using var admin = server.AdminClient();
        using var started = await admin.PostAsync($"/identity/people/{login}/totp", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return PeopleEndpointTests.SecretOf((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("otpauthUri").GetString()!);
    }

    /// <summary>A client's authorization code (not yet redeemed) and refresh token, issued to a person signed in by certificate.</summary>
    private static async Task<Tokens> TokensAsync(PlatformServer server)
    {
        var (clientId, login) = await CodeFlowTests.SetUpAsync(server);
        using var certificate = await SessionTests.BoundCertificateAsync(server, login);
        var first = await CodeAsync();
        var redeemed = await CodeFlowTests.RedeemAsync(server, clientId, first.Code, first.Verifier);
        Assert.True(redeemed.StatusCode == HttpStatusCode.OK, redeemed.Body.ToString());
        var second = await CodeAsync();
        return new Tokens(clientId, second.Code, second.Verifier, redeemed.Body.GetProperty("refresh_token").GetString()!);

        // Each in a new browser (no session), so that each goes through the certificate sign-in.
        async Task<(string Code, string Verifier)> CodeAsync()
        {
            using var browser = server.HttpsClient(certificate, followRedirects: false);
            var verifier = CodeFlowTests.Verifier();
            using var signedIn = await SessionTests.CertificateSignInAsync(browser, clientId, verifier);
            return (await CodeFlowTests.CodeAfterSignInAsync(browser, signedIn), verifier);
        }
    }

    private async Task<int> ResealDirectlyAsync(byte[] currentKek, byte[] nextKek, Func<ISealedSecretStore, bool> which)
    {
        await using var app = PlatformHost.Build(["--Platform:DataDirectory", data.Path]);
        var current = new SecretSealer(KeyEncryptionKey.FromBytes(currentKek, "current"));
        var next = new SecretSealer(KeyEncryptionKey.FromBytes(nextKek, "next"));
        var resealed = 0;
        foreach (var store in app.Services.GetServices<ISealedSecretStore>().Where(which))
        {
            try
            {
                resealed += await store.ResealAsync(current, next, CancellationToken.None);
            }
            catch (InvalidOperationException e) when (e.Message.Contains("nothing was changed", StringComparison.Ordinal))
            {
                // A refusal: counted as nothing re-sealed, which the caller checks against the database.
            }
        }

        return resealed;
    }

    /// <summary>Every sealed value in the identity database, as the platform's host opens it.</summary>
    private async Task<List<string>> SealedValuesAsync(string[] storage)
    {
        await using var app = PlatformHost.Build(["--Platform:DataDirectory", data.Path, .. storage]);
        var database = app.Services.GetRequiredKeyedService<IModuleDatabase>(IdentityModule.DatabaseName);
        await using var connection = await database.OpenAsync();
        var values = new List<string>();
        await using (var people = connection.Command("SELECT login, totp_secret, totp_pending FROM people ORDER BY login"))
        await using (var reader = await people.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                values.Add($"{reader.GetString(0)} {Hex(reader, 1)} {Hex(reader, 2)}");
            }
        }

        await using var setting = connection.Command("SELECT value FROM settings WHERE name = 'token-encryption-key'");
        values.Add("token-encryption-key " + await setting.ExecuteScalarAsync());
        return values;
    }

    private async Task WriteIdentityAsync(string[] storage, string sql, params (string Name, object Value)[] parameters)
    {
        await using var app = PlatformHost.Build(["--Platform:DataDirectory", data.Path, .. storage]);
        var database = app.Services.GetRequiredKeyedService<IModuleDatabase>(IdentityModule.DatabaseName);
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(sql, transaction);
            foreach (var (name, value) in parameters)
            {
                command.AddParameter(name, value);
            }

            return await command.ExecuteNonQueryAsync(ct);
        });
    }

    private static string Hex(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? "-" : Convert.ToHexString((byte[])reader.GetValue(ordinal));

    private Dictionary<string, string> KeyFiles() => Directory.GetFiles(data.Path, "*", SearchOption.AllDirectories)
        .Where(f => f.EndsWith(".key", StringComparison.Ordinal) || f.EndsWith(".bin", StringComparison.Ordinal))
        .ToDictionary(f => f, f => Convert.ToHexString(File.ReadAllBytes(f)));

    private (string File, byte[] Key) WriteKek(string name)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var file = Path.Combine(outside.Path, name);
        File.WriteAllBytes(file, key);
        return (file, key);
    }

    private sealed record Enrolled(string Login, byte[] Secret, long ConfirmedStep);

    private sealed record Tokens(string ClientId, string Code, string Verifier, string RefreshToken);
}
