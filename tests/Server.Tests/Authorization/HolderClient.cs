using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Server.Tests.Hosting;

namespace Server.Tests.Authorization;

/// <summary>Holders, their attribute certificates and decisions about them, through the platform's own API.</summary>
internal static class HolderClient
{
    public static async Task<string> HolderSerialAsync(PlatformServer server, string profile = "tls-client")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=holder.example.org", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        return (await server.IssueAsync(csr, profile)).SerialNumber;
    }

    public static string Serial(X509Certificate2 certificate) => certificate.SerialNumber.ToLowerInvariant().TrimStart('0');

    /// <summary>Grants <paramref name="roles"/>; returns the attribute certificate's serial.</summary>
    public static async Task<string> GrantAsync(HttpClient grantor, string holder, params string[] roles)
    {
        using var response = await grantor.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("serialNumber").GetString()!;
    }

    /// <summary>Revokes (or with <c>removeFromCRL</c> releases) the holder's own certificate at the CA.</summary>
    public static async Task ChangeCertificateAsync(HttpClient admin, string serial, string reason)
    {
        using var response = await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The decision for <c>Certificate::"holder"</c> viewing a case, with the caller's <paramref name="entities"/> if any.</summary>
    public static async Task<string> DecisionAsync(HttpClient client, string holder, string? entities = null)
    {
        using var response = await AuthzClient.IsAuthorizedAsync(client,
            $$$"""{"principal": {"type": "Certificate", "id": "{{{holder}}}"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Case", "id": "c1"}{{{(entities is null ? "" : ", \"entities\": " + entities)}}}}""");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("decision").GetString()!;
    }
}
