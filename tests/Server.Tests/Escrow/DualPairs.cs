using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Server.Tests.Hosting;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Escrow;

/// <summary>How a department's clerk gets a dual pair: a request with <c>encryptionCertificate</c>, approved by a registration officer.</summary>
public static class DualPairs
{
    /// <summary>The profiles of a department that may have dual pairs: the encryption profile among them.</summary>
    public static readonly string[] Profiles = ["tls-server", "document-signing", "seal", "encryption"];

    /// <summary>A new department, a dual pair issued in it for a requester key of <paramref name="family"/>: the request as its requester reads it.</summary>
    public static async Task<(JsonElement Issued, RequesterKey Key, string Department)> IssueAsync(PlatformServer server, string family)
    {
        var department = await DepartmentAsync(server, null, Profiles);
        using var clerk = server.HttpsClient(await PersonAsync(server, department));
        using var officer = server.HttpsClient(await PersonAsync(server, department, "registration-officer"));
        var key = RequesterKey.Create(family, "CN=Clerk Li,O=City Finance");
        using var submitted = await SubmitDualAsync(clerk, department, key.CsrPem);
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        using var approved = await ApproveAsync(officer, id);
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        return (await RequestAsync(clerk, id), key, department);
    }

    public static Task<HttpResponseMessage> SubmitDualAsync(HttpClient client, string department, string csr) =>
        client.PostAsJsonAsync("/pki/requests", new { csr, profile = "document-signing", department, encryptionCertificate = true });

    /// <summary>Fails when any file of the data directory holds <paramref name="secret"/>, as bytes or in base64.</summary>
    public static void AssertNotInDataDirectory(PlatformServer server, byte[] secret, string what)
    {
        var base64 = System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(secret));
        foreach (var file in Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] content;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                content = copy.ToArray();
            }

            Assert.False(content.AsSpan().IndexOf(secret) >= 0, $"{what} is in clear in {file}.");
            Assert.False(content.AsSpan().IndexOf(base64) >= 0, $"{what} is in base64 in {file}.");
        }
    }
}
