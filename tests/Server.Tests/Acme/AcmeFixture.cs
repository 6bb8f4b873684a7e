using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Acme;

/// <summary>A platform whose ACME server needs External Account Binding, with a department and one of its registration officers.</summary>
public class AcmeFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();

    public PlatformServer Server { get; private set; } = null!;

    public string Department { get; private set; } = "";

    /// <summary>The department's DNS suffix: names at or under it are the department's.</summary>
    public string Suffix => $"{Department}.city.example";

    public HttpClient Officer { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        Server = await PlatformServer.StartAsync(data.Path, Arguments());
        Department = await DepartmentAsync(Server, null, "tls-server", "document-signing");
        Officer = Server.HttpsClient(await PersonAsync(Server, Department, "registration-officer"));
    }

    /// <summary>The platform's arguments: a fixture that validates challenges adds the ports and resolver.</summary>
    protected virtual string[] Arguments() => [];

    /// <summary>An External Account Binding key for the department, as its officer receives it.</summary>
    public async Task<(string Kid, byte[] MacKey)> ExternalKeyAsync()
    {
        using var response = await Officer.PostAsJsonAsync($"/pki/departments/{Department}/acme-keys", new { });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("kid").GetString()!, System.Buffers.Text.Base64Url.DecodeFromChars(json.RootElement.GetProperty("hmacKey").GetString()!));
    }

    /// <summary>A client with a new account of the department.</summary>
    public async Task<AcmeJwsClient> AccountAsync()
    {
        var (kid, macKey) = await ExternalKeyAsync();
        var client = new AcmeJwsClient(Server.HttpsClient());
        var answer = await client.NewAccountAsync(kid, macKey);
        Assert.True(answer.Status == HttpStatusCode.Created, answer.ToString());
        return client;
    }

    public virtual async ValueTask DisposeAsync()
    {
        Officer.Dispose();
        await Server.DisposeAsync();
        data.Dispose();
    }
}
