using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Pki.Ca.Acme.Jws;
using Platform.Auditing;
using Platform.Keys;

namespace Pki.Ca.Acme;

/// <summary>
/// ACME accounts (RFC 8555 §7.3): creation, with an External Account Binding that makes the
/// account its department's; contact updates; deactivation; key rollover.
/// </summary>
internal sealed class AcmeAccounts(IAcmeStore store, SecretSealer sealer, IAuditTrail audit, IOptions<CaOptions> options, TimeProvider time)
{
    private const int MaxContacts = 10;

    /// <summary>new-account: the account created (201), or the existing one of the key (200); a refusal is audited, a lookup that finds nothing is not.</summary>
    public async Task<(AcmeAccount Account, bool Created)> CreateAsync(HttpContext context, AcmeRequest request)
    {
        try
        {
            return await CreateOrFindAsync(context, request);
        }
        catch (AcmeRefusal refusal) when (refusal.Problem != AcmeProblems.AccountDoesNotExist)
        {
            // No account yet: the key that asked names the caller.
            var key = "acme-key:" + request.Key.Thumbprint;
            await audit.RecordAsync(AcmeEvents.Refused(context, new AuditActor(User: key), AcmeEvents.AccountCreate, key, refusal), context.RequestAborted);
            throw;
        }
    }

    private async Task<(AcmeAccount Account, bool Created)> CreateOrFindAsync(HttpContext context, AcmeRequest request)
    {
        var payload = request.Payload();
        if (await store.FindAccountAsync(request.Key.Thumbprint, context.RequestAborted) is { } existing)
        {
            return (existing, false);
        }

        if (payload.TryGetProperty("onlyReturnExisting", out var only) && only.ValueKind == JsonValueKind.True)
        {
            throw new AcmeRefusal(AcmeProblems.AccountDoesNotExist, "No account has this key.");
        }

        var contact = Contacts(payload);
        var id = Guid.NewGuid().ToString("n");
        ExternalAccountKey? binding = null;
        if (payload.TryGetProperty("externalAccountBinding", out var eab))
        {
            binding = await VerifiedBindingAsync(context, eab, request.Key);
        }
        else if (options.Value.Acme.ExternalAccountRequired)
        {
            throw new AcmeRefusal(AcmeProblems.ExternalAccountRequired,
                "This server creates accounts for departments only: sign the new account with the External Account Binding key (kid and HMAC key) the department's registration officer hands out.");
        }

        var now = time.GetUtcNow();
        var account = new AcmeAccount(id, request.Key.Thumbprint, request.Key.Json, contact, AcmeAccount.Valid, binding?.Department, binding?.Id, now);
        var created = AcmeEvents.Of(context, AcmeEvents.Actor(id), AcmeEvents.AccountCreate, AuditOutcome.Success, "acme-account:" + id, new()
        {
            ["department"] = binding?.Department ?? "",
            ["externalAccountKey"] = binding?.Id ?? "",
            ["thumbprint"] = account.Thumbprint,
        });
        switch (await store.TryAddAccountAsync(account, created, now, context.RequestAborted))
        {
            case null:
                return (account, true);
            case "":
                throw new AcmeRefusal(AcmeProblems.Unauthorized, "The External Account Binding key was used by another account meanwhile.");
            case var other:
                return ((await store.GetAccountAsync(other, context.RequestAborted))!, false);
        }
    }

    /// <summary>POST to the account URL: its contacts replaced, or it deactivated (RFC 8555 §7.3.2, §7.3.6).</summary>
    public async Task<AcmeAccount> UpdateAsync(HttpContext context, AcmeRequest request)
    {
        var account = request.Signer;
        if (request.IsPostAsGet)
        {
            return account;
        }

        var payload = request.Payload();
        var deactivate = payload.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
            ? status.GetString() == AcmeAccount.Deactivated ? true : throw new AcmeRefusal(AcmeProblems.Malformed, "An account's status can only be set to 'deactivated'.")
            : false;
        var updated = account with
        {
            Contact = payload.TryGetProperty("contact", out _) ? Contacts(payload) : account.Contact,
            Status = deactivate ? AcmeAccount.Deactivated : account.Status,
        };
        var action = deactivate ? AcmeEvents.AccountDeactivate : AcmeEvents.AccountUpdate;
        var changed = AcmeEvents.Of(context, AcmeEvents.Actor(account.Id), action, AuditOutcome.Success, "acme-account:" + account.Id,
            new() { ["contacts"] = updated.Contact.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return await store.UpdateAccountAsync(updated, changed, context.RequestAborted)
            ? updated
            : throw new AcmeRefusal(AcmeProblems.Unauthorized, "The account was deactivated meanwhile.");
    }

    /// <summary>key-change (RFC 8555 §7.3.5): the inner JWS, signed by the new key, names the account and its old key; a refusal is audited.</summary>
    public async Task<AcmeAccount> ChangeKeyAsync(HttpContext context, AcmeRequest request, AcmeUrls urls)
    {
        try
        {
            return await ChangedKeyAsync(context, request, urls);
        }
        catch (AcmeRefusal refusal)
        {
            await audit.RecordAsync(AcmeEvents.Refused(context, AcmeEvents.Actor(request.Signer.Id), AcmeEvents.KeyChange, "acme-account:" + request.Signer.Id, refusal),
                context.RequestAborted);
            throw;
        }
    }

    private async Task<AcmeAccount> ChangedKeyAsync(HttpContext context, AcmeRequest request, AcmeUrls urls)
    {
        var account = request.Signer;
        var inner = SignedMessage.Parse(request.Message.Payload, out var error) ?? throw new AcmeRefusal(AcmeProblems.Malformed, "The payload is not a JWS: " + error);
        if (inner.Jwk is not { } jwk)
        {
            throw new AcmeRefusal(AcmeProblems.Malformed, "The inner JWS carries the new key as 'jwk'.");
        }

        if (inner.Url != request.Message.Url)
        {
            throw new AcmeRefusal(AcmeProblems.Malformed, "The inner JWS has the same url as the outer one.");
        }

        using var newKey = AccountKey.Parse(jwk, out var keyError) ?? throw new AcmeRefusal(AcmeProblems.BadPublicKey, keyError!);
        if (!newKey.Accepts(inner.Algorithm) || !inner.VerifiedBy(newKey))
        {
            throw new AcmeRefusal(AcmeProblems.Malformed, "The inner JWS is not signed by the new key.");
        }

        var payload = new AcmeRequest(inner, newKey, null).Payload();
        var oldKey = payload.TryGetProperty("oldKey", out var old) ? AccountKey.Parse(old, out _) : null;
        using (oldKey)
        {
            if (!payload.TryGetProperty("account", out var named) || named.ValueKind != JsonValueKind.String || named.GetString() != urls.Account(account.Id)
                || oldKey?.Thumbprint != account.Thumbprint)
            {
                throw new AcmeRefusal(AcmeProblems.Malformed, "The inner payload names this account's URL as 'account' and its current key as 'oldKey'.");
            }
        }

        var changed = account with { Thumbprint = newKey.Thumbprint, Key = newKey.Json };
        var audited = AcmeEvents.Of(context, AcmeEvents.Actor(account.Id), AcmeEvents.KeyChange, AuditOutcome.Success, "acme-account:" + account.Id, new()
        {
            ["oldThumbprint"] = account.Thumbprint,
            ["thumbprint"] = newKey.Thumbprint,
        });
        return await store.TryChangeKeyAsync(changed, account.Thumbprint, audited, context.RequestAborted) switch
        {
            null => changed,
            "" => throw new AcmeRefusal(AcmeProblems.Unauthorized, "The account's key changed meanwhile."),
            var other => throw new AcmeRefusal(AcmeProblems.Malformed, "Another account has the new key already.")
            {
                Status = StatusCodes.Status409Conflict,
                Location = urls.Account(other),
            },
        };
    }

    private async Task<ExternalAccountKey> VerifiedBindingAsync(HttpContext context, JsonElement eab, AccountKey accountKey)
    {
        const string refused = "The External Account Binding does not verify: its kid is unknown, spent or expired, or its MAC is not by that key.";
        var binding = SignedMessage.Parse(System.Text.Encoding.UTF8.GetBytes(eab.GetRawText()), out var error)
            ?? throw new AcmeRefusal(AcmeProblems.Malformed, "externalAccountBinding is not a flattened JWS: " + error);
        if (binding.Algorithm is not ("HS256" or "HS384" or "HS512") || binding.KeyId is not { } kid || binding.Nonce is not null
            || binding.Url != new AcmeUrls(context.Request).Current)
        {
            throw new AcmeRefusal(AcmeProblems.Malformed,
                "externalAccountBinding is a JWS with alg HS256, HS384 or HS512, the key's 'kid', the new-account URL as 'url', and no nonce (RFC 8555 §7.3.4).");
        }

        using (var bound = JsonDocument.Parse(binding.Payload.Length == 0 ? "null"u8.ToArray() : binding.Payload))
        using (var payloadKey = AccountKey.Parse(bound.RootElement, out _))
        {
            if (payloadKey?.Thumbprint != accountKey.Thumbprint)
            {
                throw new AcmeRefusal(AcmeProblems.Malformed, "The External Account Binding's payload is the account's own key (the outer jwk).");
            }
        }

        var key = kid.Length <= 64 ? await store.GetExternalKeyAsync(kid, context.RequestAborted) : null;
        if (key is null || key.AccountId is not null || key.ExpiresAt <= time.GetUtcNow())
        {
            throw new AcmeRefusal(AcmeProblems.Unauthorized, refused);
        }

        var macKey = sealer.Open(ExternalAccountKey.SealPurpose, key.Id, key.SealedMacKey);
        try
        {
            return binding.MacVerifiedBy(macKey) ? key : throw new AcmeRefusal(AcmeProblems.Unauthorized, refused);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(macKey);
        }
    }

    private static IReadOnlyList<string> Contacts(JsonElement payload)
    {
        if (!payload.TryGetProperty("contact", out var contact) || contact.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (contact.ValueKind != JsonValueKind.Array || contact.GetArrayLength() > MaxContacts)
        {
            throw new AcmeRefusal(AcmeProblems.Malformed, $"contact is an array of at most {MaxContacts} URLs.");
        }

        var urls = new List<string>();
        foreach (var item in contact.EnumerateArray())
        {
            var url = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new AcmeRefusal(AcmeProblems.Malformed, "contact is an array of URLs.");
            if (!url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                throw new AcmeRefusal(AcmeProblems.UnsupportedContact, "A contact is a mailto: URL.");
            }

            var address = url["mailto:".Length..];
            if (address.Length is 0 or > 254 || address.Count(c => c == '@') != 1 || address.IndexOfAny([',', '?', ' ', '<', '>']) >= 0 || address.Any(char.IsControl))
            {
                throw new AcmeRefusal(AcmeProblems.InvalidContact, "A contact is mailto: with one e-mail address, no header fields.");
            }

            urls.Add("mailto:" + address);
        }

        return urls;
    }
}
