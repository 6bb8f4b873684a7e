using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Pki.Ca.Acme.Jws;
using Platform.Http;

namespace Pki.Ca.Acme;

/// <summary>
/// Reads and authenticates an ACME request (RFC 8555 §6.2–6.5): an <c>application/jose+json</c>
/// body of at most 64 KiB, a flattened JWS whose <c>url</c> is the URL it was sent to, whose
/// algorithm fits its key, whose signature verifies, and whose nonce this node gave out and has
/// not seen back. The key is the header's <c>jwk</c> where the endpoint takes one, else the key
/// of the account its <c>kid</c> names, which must be valid. The nonce is spent only once the
/// signature verified, so a forged request cannot use up a client's nonce.
/// </summary>
internal sealed class AcmeRequestReader(ReplayNonces nonces, IAcmeStore store)
{
    private const int KeyCacheSize = 10_000;
    private static readonly BodyRules JoseBody = new(64 * 1024, "application/jose+json");

    // Importing a key costs about as much as checking its signature: each account's is imported once.
    private readonly ConcurrentDictionary<string, AccountKey> keys = new(StringComparer.Ordinal);

    public async Task<AcmeRequest> ReadAsync(HttpContext context, SignedBy signedBy)
    {
        var read = await RequestBody.ReadAsync(context, JoseBody);
        if (read.Body is null)
        {
            // Malformed, with the status the body's fault has (415 for a wrong content type, as RFC 8555 §6.2 says; 413, 408).
            throw new AcmeRefusal(AcmeProblems.Malformed, read.Detail ?? "The body could not be read.") { Status = read.Failure?.Status ?? StatusCodes.Status400BadRequest };
        }

        var message = SignedMessage.Parse(read.Body, out var error) ?? throw new AcmeRefusal(AcmeProblems.Malformed, error!);
        var urls = new AcmeUrls(context.Request);
        if (message.Url != urls.Current)
        {
            throw new AcmeRefusal(AcmeProblems.Unauthorized, $"The JWS's url header must be the URL it is sent to, {urls.Current}.");
        }

        if (message.Algorithm is "none" or ['H', 'S', ..])
        {
            throw new AcmeRefusal(AcmeProblems.BadSignatureAlgorithm, "Requests are signed with an asymmetric algorithm (RS256, ES256, ES384, ES512, PS256, EdDSA), not 'none' or a MAC.");
        }

        AccountKey key;
        AcmeAccount? account = null;
        if (message.Jwk is { } jwk)
        {
            if (signedBy == SignedBy.Account)
            {
                throw new AcmeRefusal(AcmeProblems.Malformed, "This request is signed by an account: its header carries the account URL as 'kid', not a 'jwk'.");
            }

            key = AccountKey.Parse(jwk, out var keyError) ?? throw new AcmeRefusal(AcmeProblems.BadPublicKey, keyError!);
        }
        else
        {
            if (signedBy == SignedBy.Jwk)
            {
                throw new AcmeRefusal(AcmeProblems.Malformed, "This request carries its public key as 'jwk' in the protected header.");
            }

            var id = urls.AccountId(message.KeyId) ?? throw new AcmeRefusal(AcmeProblems.AccountDoesNotExist, "The 'kid' is not an account URL of this server.");
            account = await store.GetAccountAsync(id, context.RequestAborted) ?? throw new AcmeRefusal(AcmeProblems.AccountDoesNotExist, "There is no such account.");
            if (account.Status != AcmeAccount.Valid)
            {
                throw new AcmeRefusal(AcmeProblems.Unauthorized, $"The account is {account.Status}.");
            }

            key = KeyOf(account);
        }

        if (!key.Accepts(message.Algorithm))
        {
            throw new AcmeRefusal(AcmeProblems.BadSignatureAlgorithm, $"The algorithm '{message.Algorithm}' does not fit the key.");
        }

        if (!message.VerifiedBy(key))
        {
            throw new AcmeRefusal(AcmeProblems.Malformed, "The JWS signature does not verify.");
        }

        if (!nonces.TrySpend(message.Nonce))
        {
            throw new AcmeRefusal(AcmeProblems.BadNonce, "The nonce is unknown, spent or expired here: retry with the Replay-Nonce of this answer.");
        }

        return new AcmeRequest(message, key, account);
    }

    private AccountKey KeyOf(AcmeAccount account)
    {
        if (keys.TryGetValue(account.Key, out var cached))
        {
            return cached;
        }

        using var jwk = System.Text.Json.JsonDocument.Parse(account.Key);
        var key = AccountKey.Parse(jwk.RootElement, out _) ?? throw new InvalidOperationException($"The stored key of ACME account {account.Id} does not parse.");
        if (keys.Count >= KeyCacheSize)
        {
            // Dropped whole: the keys are not disposed, since a request may be using one.
            keys.Clear();
        }

        return keys.GetOrAdd(account.Key, key);
    }
}

/// <summary>Which key signs a request: the account's (<c>kid</c>), its own (<c>jwk</c>), or either (revocation).</summary>
internal enum SignedBy
{
    Account,
    Jwk,
    Either,
}
