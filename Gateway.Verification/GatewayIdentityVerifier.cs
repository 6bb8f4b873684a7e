using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Verification;

/// <summary>
/// Verifies that a request came through the SecurityPlatform gateway and reads who it says is
/// calling. The gateway signs each request it decided (RFC 9421, label <c>gateway</c>,
/// <c>ecdsa-p256-sha256</c>) over its method, authority, path, query and identity headers; this
/// checks that signature with the gateway's key from <c>GET /gateway/keys</c> (fetched once, again
/// for a key id it does not know, at most every 30 s, and again when the keys held are five minutes
/// old, so that a key the gateway stopped publishing, a revoked one, is not trusted for long), its lifetime, that no nonce is used
/// twice, and that every identity header is covered. Trust nothing of a request it refuses.
/// Thread-safe; keep one per application.
/// </summary>
public sealed class GatewayIdentityVerifier(HttpClient keysClient, Uri keysAddress, TimeProvider? time = null)
{
    private const string Label = "gateway";
    private const string HeaderPrefix = "x-securityplatform-";
    private static readonly string[] Required = ["@method", "@authority", "@path", "@query", HeaderPrefix + "principal", HeaderPrefix + "decision"];
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RefetchInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan KeysMaxAge = TimeSpan.FromMinutes(5);

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, DateTimeOffset> seenNonces = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim fetching = new(1, 1);
    private volatile IReadOnlyDictionary<string, ECDsa> keys = new Dictionary<string, ECDsa>();
    private long lastFetchTicks = DateTimeOffset.MinValue.UtcTicks;
    private long nextSweep;

    public async Task<GatewayVerification> VerifyAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (SignatureInput.Read(request.Headers["Signature-Input"].ToString(), Label) is not { } input)
        {
            return GatewayVerification.Refused("The request carries no gateway signature (Signature-Input).");
        }

        if (SignatureValue(request.Headers["Signature"].ToString()) is not { } signature)
        {
            return GatewayVerification.Refused("The request's Signature field has no readable gateway signature.");
        }

        if (input.Text("alg") != "ecdsa-p256-sha256" || input.Text("keyid") is not { } keyId || input.Integer("created") is not { } created
            || input.Integer("expires") is not { } expires || input.Text("nonce") is not { Length: > 0 } nonce)
        {
            return GatewayVerification.Refused("The gateway signature lacks alg ecdsa-p256-sha256, keyid, created, expires or nonce.");
        }

        if (Required.FirstOrDefault(c => !input.Components.Contains(c)) is { } missing)
        {
            return GatewayVerification.Refused($"The gateway signature does not cover {missing}.");
        }

        var uncovered = request.Headers.Keys.FirstOrDefault(h => h.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase)
            && !input.Components.Contains(h.ToLowerInvariant()));
        if (uncovered is not null)
        {
            return GatewayVerification.Refused($"The identity header {uncovered} is not covered by the gateway signature.");
        }

        var now = clock.GetUtcNow();
        if (DateTimeOffset.FromUnixTimeSeconds(created) > now + ClockSkew || DateTimeOffset.FromUnixTimeSeconds(expires) < now - ClockSkew)
        {
            return GatewayVerification.Refused("The gateway signature is not valid now (created in the future, or expired).");
        }

        ECDsa? key;
        try
        {
            key = await KeyAsync(keyId, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return GatewayVerification.Refused($"The gateway's keys could not be read from {keysAddress}: {e.Message}");
        }

        if (key is null)
        {
            return GatewayVerification.Refused($"The gateway's key {keyId} is not among those it publishes.");
        }

        if (SignatureBase(request, input) is not { } signatureBase)
        {
            return GatewayVerification.Refused("A component the signature covers is missing from the request.");
        }

        if (!key.VerifyData(Encoding.ASCII.GetBytes(signatureBase), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return GatewayVerification.Refused("The gateway signature does not verify: the request or its identity was changed after the gateway signed it.");
        }

        if (!Remember(nonce, DateTimeOffset.FromUnixTimeSeconds(expires) + ClockSkew, now))
        {
            return GatewayVerification.Refused("The gateway signature was used before (a replayed request).");
        }

        return new GatewayVerification(Identity(request.Headers), null);
    }

    private static byte[]? SignatureValue(string field)
    {
        var prefix = Label + "=:";
        var member = field.Split(',', StringSplitOptions.TrimEntries).SingleOrDefault(m => m.StartsWith(prefix, StringComparison.Ordinal) && m.EndsWith(':'));
        if (member is null)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(member[prefix.Length..^1]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // RFC 9421 §2.5, from the request as it arrived: the raw target, not the decoded path.
    private static string? SignatureBase(HttpRequest request, SignatureInput input)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var question = target.IndexOf('?');
        var text = new StringBuilder();
        foreach (var component in input.Components)
        {
            var value = component switch
            {
                "@method" => request.Method,
                "@authority" => request.Headers.Host.ToString().ToLowerInvariant(),
                "@path" => question < 0 ? target : target[..question],
                "@query" => question < 0 ? "?" : target[question..],
                _ when component.StartsWith('@') => null,
                _ => request.Headers.TryGetValue(component, out var values) ? string.Join(", ", values.Select(v => v?.Trim())) : null,
            };
            if (value is null)
            {
                return null;
            }

            text.Append('"').Append(component).Append("\": ").Append(value).Append('\n');
        }

        return text.Append("\"@signature-params\": ").Append(input.Serialized).ToString();
    }

    private bool Remember(string nonce, DateTimeOffset until, DateTimeOffset now)
    {
        // Nonces are kept until their signature has expired; the expired ones are swept once a second at most.
        var sweep = Interlocked.Read(ref nextSweep);
        if (now.ToUnixTimeMilliseconds() >= sweep && Interlocked.CompareExchange(ref nextSweep, now.ToUnixTimeMilliseconds() + 1000, sweep) == sweep)
        {
            foreach (var (old, expiry) in seenNonces)
            {
                if (expiry < now)
                {
                    seenNonces.TryRemove(old, out _);
                }
            }
        }

        return seenNonces.TryAdd(nonce, until);
    }

    private async Task<ECDsa?> KeyAsync(string keyId, CancellationToken cancellationToken)
    {
        if (keys.TryGetValue(keyId, out var known) && KeysAge() < KeysMaxAge)
        {
            return known;
        }

        await fetching.WaitAsync(cancellationToken);
        try
        {
            var age = KeysAge();
            if (age >= KeysMaxAge || (!keys.ContainsKey(keyId) && age >= RefetchInterval))
            {
                Volatile.Write(ref lastFetchTicks, clock.GetUtcNow().UtcTicks);
                try
                {
                    keys = await FetchAsync(cancellationToken);
                }
                catch when (age >= KeysMaxAge)
                {
                    // Keys that could not be confirmed are not trusted on: refuse until a fetch succeeds.
                    keys = new Dictionary<string, ECDsa>();
                    throw;
                }
            }

            return keys.GetValueOrDefault(keyId);
        }
        finally
        {
            fetching.Release();
        }
    }

    private TimeSpan KeysAge() => TimeSpan.FromTicks(clock.GetUtcNow().UtcTicks - Volatile.Read(ref lastFetchTicks));

    private async Task<IReadOnlyDictionary<string, ECDsa>> FetchAsync(CancellationToken cancellationToken)
    {
        using var set = await keysClient.GetFromJsonAsync<JsonDocument>(keysAddress, cancellationToken)
            ?? throw new InvalidOperationException("The gateway's key set is empty.");
        var fetched = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var jwk in set.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (jwk.GetProperty("kty").GetString() == "EC" && jwk.GetProperty("crv").GetString() == "P-256")
            {
                fetched[jwk.GetProperty("kid").GetString()!] = ECDsa.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = Base64UrlDecode(jwk, "x"), Y = Base64UrlDecode(jwk, "y") },
                });
            }
        }

        return fetched;
    }

    private static byte[] Base64UrlDecode(JsonElement jwk, string member) => System.Buffers.Text.Base64Url.DecodeFromChars(jwk.GetProperty(member).GetString());

    private static GatewayIdentity Identity(IHeaderDictionary headers)
    {
        var principal = headers[HeaderPrefix + "principal"].ToString();
        var colon = principal.IndexOf(':');
        return new GatewayIdentity(
            principal[..Math.Max(colon, 0)],
            Uri.UnescapeDataString(principal[(colon + 1)..]),
            List(headers[HeaderPrefix + "roles"].ToString()),
            headers.TryGetValue(HeaderPrefix + "department", out var department) ? Uri.UnescapeDataString(department.ToString()) : null,
            List(headers[HeaderPrefix + "decision"].ToString().Split("policies=", 2) is [_, var ids] ? ids : ""));
    }

    private static string[] List(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Uri.UnescapeDataString)];
}
