using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Registration;

/// <summary>
/// A platform under the registration policy it ships (a department's people request for it, its
/// registration officers review its requests), with a profile (<c>seal</c>) that needs two approvals.
/// </summary>
public sealed class RegistrationFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();

    public PlatformServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PlatformServer.StartAsync(data.Path, SealProfile);

    /// <summary>A document-sealing profile whose requests two officers approve.</summary>
    public static string[] SealProfile { get; } =
    [
        "--Pki:Profiles:seal:Description", "Department seal (two officers approve)",
        "--Pki:Profiles:seal:KeyUsage:0", "digitalSignature",
        "--Pki:Profiles:seal:KeyUsage:1", "contentCommitment",
        "--Pki:Profiles:seal:RequireCommonName", "true",
        "--Pki:Profiles:seal:Approvals", "2",
    ];

    /// <summary>A new department with its own name spaces; returns its name.</summary>
    public static async Task<string> DepartmentAsync(PlatformServer server, int? maxCertificates = null, params string[] profiles)
    {
        var name = $"dept-{Guid.NewGuid():n}"[..17];
        using var admin = server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/pki/departments", new
        {
            name,
            displayName = "Finance Bureau",
            organization = "City Finance",
            dnsSuffixes = new[] { $"{name}.city.example" },
            emailDomains = new[] { $"{name}.city.example" },
            profiles = profiles.Length > 0 ? profiles : ["tls-server", "document-signing", "seal"],
            maxCertificates,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return name;
    }

    /// <summary>A person of <paramref name="department"/> with a client certificate and an attribute certificate of <paramref name="roles"/>.</summary>
    public static async Task<X509Certificate2> PersonAsync(PlatformServer server, string department, params string[] roles)
    {
        var certificate = await AuthzClient.ClientCertificateAsync(server, $"CN=person-{Guid.NewGuid():n},O=City");
        using var admin = server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/pmi/attribute-certificates",
            new { holderSerial = HolderClient.Serial(certificate), roles = roles.Length > 0 ? roles : ["clerk"], department });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return certificate;
    }

    /// <summary>Submits a CSR; the answer as it came.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string department, string profile, string csr) =>
        client.PostAsJsonAsync("/pki/requests", new { csr, profile, department });

    /// <summary>Submits a CSR that must be accepted; returns the request's id.</summary>
    public static async Task<string> SubmittedAsync(HttpClient client, string department, string profile, string csr)
    {
        using var response = await SubmitAsync(client, department, profile, csr);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("pending", json.RootElement.GetProperty("status").GetString());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> ApproveAsync(HttpClient client, string id, string? comment = null) =>
        client.PostAsJsonAsync($"/pki/requests/{id}/approve", new { comment });

    public static Task<HttpResponseMessage> RejectAsync(HttpClient client, string id, string? comment = null) =>
        client.PostAsJsonAsync($"/pki/requests/{id}/reject", new { comment });

    /// <summary>The request as <paramref name="client"/> reads it.</summary>
    public static async Task<JsonElement> RequestAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/pki/requests/{id}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        data.Dispose();
    }
}
