using System.Buffers.Text;
using System.Text.Json;

namespace Acme.Load;

/// <summary>An ACME account: its key and, once registered, its URL (the JWS <c>kid</c> of every later request).</summary>
internal sealed class AcmeAccount : IDisposable
{
    private AcmeAccount(AccountKey key, string url)
    {
        Key = key;
        Url = url;
    }

    public AccountKey Key { get; }

    public string Url { get; }

    /// <summary>newAccount (§7.3), bound to the external account when a key id and HMAC key are given.</summary>
    public static async Task<AcmeAccount> RegisterAsync(AcmeTransport transport, string? keyId, string? hmacKey)
    {
        var key = new AccountKey();
        try
        {
            var newAccount = transport.Directory.NewAccount;
            var binding = keyId is not null && hmacKey is not null
                ? Jws.ExternalAccountBinding(key, keyId, Base64Url.DecodeFromChars(hmacKey), newAccount)
                : null;
            var payload = JsonSerializer.SerializeToUtf8Bytes(new NewAccountRequest(true, binding), AcmeJsonContext.Default.NewAccountRequest);
            var response = await transport.PostAsync(key, null, newAccount, payload);
            return new AcmeAccount(key, response.Location ?? throw new AcmeFailure("no account URL", "newAccount answered without Location"));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public void Dispose() => Key.Dispose();
}
