using System.Net.Http.Json;
using System.Text;

namespace Issuance.Load;

/// <summary>
/// The EST phase's credentials, made before the clock starts: a department whose name space is the
/// pooled requests' DNS suffix, and one-time enrollment secrets of it, each an <c>Authorization:
/// Basic</c> value for one request. The registration policy lets a department's registration
/// officers hand secrets out, not administrators as such: the administrator first grants its own
/// certificate that role in the department (an attribute certificate), as a city would for an officer.
/// </summary>
internal sealed class EstSecrets
{
    private readonly string[] credentials;

    private EstSecrets(string[] credentials) => this.credentials = credentials;

    public int Count => credentials.Length;

    /// <summary>The Basic credentials (base64 of <c>id:secret</c>) of secret <paramref name="index"/>.</summary>
    public string this[long index] => credentials[index];

    public static async Task<EstSecrets> CreateAsync(IReadOnlyList<HttpClient> clients, string adminSerial, string profile, int count)
    {
        var department = $"bench-{Guid.NewGuid():n}"[..16];
        using (var created = await clients[0].PostAsJsonAsync("/pki/departments",
            new DepartmentBody(department, "Load test", [CsrPool.DnsSuffix], [CsrPool.DnsSuffix], [profile]), LoadJsonContext.Default.DepartmentBody))
        {
            await EnsureAsync(created, "creating the EST department");
        }

        using (var granted = await clients[0].PostAsJsonAsync("/pmi/attribute-certificates",
            new GrantBody(adminSerial, ["registration-officer"], department), LoadJsonContext.Default.GrantBody))
        {
            await EnsureAsync(granted, "granting the administrator the registration-officer role");
        }

        var credentials = new string[count];
        var next = -1;
        await Task.WhenAll(clients.Select(async client =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                using var response = await client.PostAsJsonAsync($"/pki/departments/{department}/enrollment-secrets", new SecretBody(profile),
                    LoadJsonContext.Default.SecretBody);
                await EnsureAsync(response, "handing out an enrollment secret");
                var secret = (await response.Content.ReadFromJsonAsync(LoadJsonContext.Default.SecretAnswer))!;
                credentials[i] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{secret.Id}:{secret.Secret}"));
            }
        }));
        return new EstSecrets(credentials);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string step)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{step}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

/// <summary>The body of <c>POST /pki/departments</c>.</summary>
internal sealed record DepartmentBody(string Name, string DisplayName, string[] DnsSuffixes, string[] EmailDomains, string[] Profiles);

/// <summary>The body of <c>POST /pki/departments/{name}/enrollment-secrets</c>.</summary>
internal sealed record SecretBody(string Profile);

/// <summary>The body of <c>POST /pmi/attribute-certificates</c>: roles in a department for a certificate's holder.</summary>
internal sealed record GrantBody(string HolderSerial, string[] Roles, string Department);

/// <summary>What a handed-out secret's answer holds that an EST client needs.</summary>
internal sealed record SecretAnswer(string Id, string Secret);
