using System.Net;
using System.Net.Http.Json;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Acme;

/// <summary>Accounts and orders outlive a restart; nonces do not (a client retries with the badNonce answer's); an order outlives nothing past its lifetime.</summary>
public sealed class AcmeLifetimeTests
{
    [Fact]
    public async Task AccountAndOrder_SurviveARestart_ANonceFromBeforeItDoesNot()
    {
        using var data = new TemporaryDirectory();
        string accountUrl, orderUrl, staleNonce;
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            var department = await DepartmentAsync(first, null, "tls-server");
            using var officer = first.HttpsClient(await PersonAsync(first, department, "registration-officer"));
            var (kid, macKey) = await KeyAsync(officer, department);
            using var client = new AcmeJwsClient(first.HttpsClient(), key);
            Assert.Equal(HttpStatusCode.Created, (await client.NewAccountAsync(kid, macKey)).Status);
            var created = await client.NewOrderAsync($"www.{department}.city.example");
            (accountUrl, orderUrl) = (client.AccountUrl!, created.Headers.Location!.ToString());
            staleNonce = await client.NonceAsync();
        }

        await using var second = await PlatformServer.StartAsync(data.Path);
        // The second server listens on other ports: the URLs keep their paths.
        var port = second.Https.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        accountUrl = Rebase(accountUrl, second);
        orderUrl = Rebase(orderUrl, second);
        using var again = new AcmeJwsClient(second.HttpsClient(), key) { AccountUrl = accountUrl };
        var header = await again.HeaderAsync(orderUrl);
        header["nonce"] = staleNonce;

        var stale = await again.SendAsync(orderUrl, AcmeJwsClient.Sign(key, header, ""));
        var order = await again.PostAsync(orderUrl, null);

        Assert.Equal("badNonce", stale.Problem);
        Assert.True(order.Status == HttpStatusCode.OK, order.ToString());
        Assert.Equal("pending", order.Json.GetProperty("status").GetString());
        Assert.Contains(port, order.Json.GetProperty("finalize").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BindingKey_HandedOutBeforeAKeyEncryptionKeyChange_BindsAnAccountAfterIt()
    {
        using var data = new TemporaryDirectory();
        using var outside = new TemporaryDirectory();
        (string Kid, byte[] MacKey) key;
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            var department = await DepartmentAsync(first, null, "tls-server");
            using var officer = first.HttpsClient(await PersonAsync(first, department, "registration-officer"));
            key = await KeyAsync(officer, department);
        }

        // keys rewrap re-seals the binding key's MAC key under a new key-encryption key.
        var newKek = Path.Combine(outside.Path, "new-kek.bin");
        await File.WriteAllBytesAsync(newKek, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Assert.Equal(0, await global::Server.Cli.CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", newKek, "--Platform:DataDirectory", data.Path]));

        await using var second = await PlatformServer.StartAsync(data.Path);
        using var client = new AcmeJwsClient(second.HttpsClient());
        var created = await client.NewAccountAsync(key.Kid, key.MacKey);

        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
    }

    [Fact]
    public async Task Order_PastItsLifetime_IsInvalid()
    {
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path, "--Pki:Acme:OrderLifetime", "00:00:01");
        var department = await DepartmentAsync(server, null, "tls-server");
        using var officer = server.HttpsClient(await PersonAsync(server, department, "registration-officer"));
        var (kid, macKey) = await KeyAsync(officer, department);
        using var client = new AcmeJwsClient(server.HttpsClient());
        await client.NewAccountAsync(kid, macKey);
        var created = await client.NewOrderAsync($"www.{department}.city.example");

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var order = await client.PostAsync(created.Headers.Location!.ToString(), null);
        var authorization = await client.PostAsync(order.Json.GetProperty("authorizations")[0].GetString()!, null);

        Assert.Equal("pending", created.Json.GetProperty("status").GetString());
        Assert.Equal("invalid", order.Json.GetProperty("status").GetString());
        Assert.Equal("expired", authorization.Json.GetProperty("status").GetString());
    }

    private static async Task<(string Kid, byte[] MacKey)> KeyAsync(HttpClient officer, string department)
    {
        using var response = await officer.PostAsJsonAsync($"/pki/departments/{department}/acme-keys", new { });
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("kid").GetString()!, System.Buffers.Text.Base64Url.DecodeFromChars(json.RootElement.GetProperty("hmacKey").GetString()!));
    }

    private static string Rebase(string url, PlatformServer server) => new Uri(server.Https, new Uri(url).PathAndQuery).ToString();
}
