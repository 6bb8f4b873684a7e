using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Pki.Ca.Acme.Validation;
using Platform.Auditing;

namespace Pki.Ca.Acme;

/// <summary>
/// Authorizations and their challenges (RFC 8555 §7.5): a client's POST of <c>{}</c> to a
/// challenge starts its validation, once per authorization; the answer waits for the outcome up
/// to <see cref="AnswerWithin"/> (a loopback or nearby validation is done by then, saving the
/// client its polls) and otherwise says <c>processing</c> while the validation goes on. The
/// outcome is stored with its audit event; a validation cut short by a restart leaves the
/// authorization pending, so the client can ask again.
/// </summary>
internal sealed class AcmeChallenges(IAcmeStore store, ChallengeValidator validator, IAuditTrail audit, TimeProvider time, IHostApplicationLifetime lifetime)
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(3);

    // The validations under way on this node, by authorization: the challenge type being checked.
    private readonly ConcurrentDictionary<string, (string Type, Task Done)> validating = new(StringComparer.Ordinal);

    public async Task<AcmeAuthorization> AuthorizationAsync(HttpContext context, AcmeRequest request, string id) =>
        await store.GetAuthorizationAsync(id, context.RequestAborted) is { } authorization && authorization.AccountId == request.Signer.Id
            ? authorization
            : throw new AcmeRefusal(AcmeProblems.Unauthorized, "There is no such authorization of this account.") { Status = StatusCodes.Status404NotFound };

    /// <summary>The challenge type being validated on this node for the authorization, if one is.</summary>
    public string? Validating(string authorizationId) => validating.TryGetValue(authorizationId, out var under) ? under.Type : null;

    /// <summary>POST to an authorization: read it, or deactivate it (RFC 8555 §7.5.2).</summary>
    public async Task<AcmeAuthorization> UpdateAuthorizationAsync(HttpContext context, AcmeRequest request, string id)
    {
        var authorization = await AuthorizationAsync(context, request, id);
        if (request.IsPostAsGet)
        {
            return authorization;
        }

        var payload = request.Payload();
        if (!payload.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String || status.GetString() != AcmeAuthorization.Deactivated)
        {
            throw new AcmeRefusal(AcmeProblems.Malformed, "An authorization takes only {\"status\": \"deactivated\"}.");
        }

        var deactivated = AcmeEvents.Of(context, AcmeEvents.Actor(request.Signer.Id), AcmeEvents.AuthorizationDeactivate, AuditOutcome.Success,
            "acme-authorization:" + id, new() { ["identifier"] = authorization.Identifier });
        return await store.DeactivateAuthorizationAsync(id, deactivated, context.RequestAborted)
            ? authorization with { Status = AcmeAuthorization.Deactivated }
            : throw new AcmeRefusal(AcmeProblems.Malformed, $"The authorization is {authorization.StatusAt(time.GetUtcNow())}: only a pending or valid one is deactivated.");
    }

    /// <summary>POST to a challenge: its state; with a payload of <c>{}</c>, its validation started first.</summary>
    public async Task<AcmeAuthorization> RespondAsync(HttpContext context, AcmeRequest request, string authorizationId, string type)
    {
        var authorization = await AuthorizationAsync(context, request, authorizationId);
        if (!authorization.ChallengeTypes.Contains(type, StringComparer.Ordinal))
        {
            throw new AcmeRefusal(AcmeProblems.Malformed, $"The authorization has no {type} challenge.") { Status = StatusCodes.Status404NotFound };
        }

        if (request.IsPostAsGet)
        {
            return authorization;
        }

        request.Payload();
        if (authorization.StatusAt(time.GetUtcNow()) != AcmeAuthorization.Pending)
        {
            return authorization;
        }

        var started = new TaskCompletionSource();
        var entry = validating.GetOrAdd(authorizationId, _ => (type, started.Task));
        if (entry.Done == started.Task)
        {
            _ = ValidateAsync(context, request, authorization, type, started);
        }

        await Task.WhenAny(entry.Done, Task.Delay(AnswerWithin, context.RequestAborted));
        return await AuthorizationAsync(context, request, authorizationId);
    }

    private async Task ValidateAsync(HttpContext context, AcmeRequest request, AcmeAuthorization authorization, string type, TaskCompletionSource done)
    {
        // Runs on after the answer when it takes long: it ends with the host, not with the request.
        var stopping = lifetime.ApplicationStopping;
        var account = request.Signer;
        var origin = AcmeEvents.Of(context, AcmeEvents.Actor(account.Id), AcmeEvents.ChallengeValidate, AuditOutcome.Success, "acme-authorization:" + authorization.Id, []);
        try
        {
            var keyAuthorization = authorization.Token + "." + request.Key.Thumbprint;
            var refusal = await validator.ValidateAsync(type, authorization.Identifier, keyAuthorization, stopping);
            var details = new Dictionary<string, string> { ["identifier"] = authorization.Identifier, ["challenge"] = type };
            if (refusal is not null)
            {
                details["code"] = refusal.Problem.Name;
                details["reason"] = refusal.Message;
            }

            var validated = origin with { Outcome = refusal is null ? AuditOutcome.Success : AuditOutcome.Failure, Details = details };
            await store.CompleteChallengeAsync(authorization.Id, type, refusal is null ? AcmeAuthorization.Valid : AcmeAuthorization.Invalid,
                refusal is null ? null : AcmeResources.StoredError(refusal, authorization.Identifier), validated, time.GetUtcNow(), stopping);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The authorization stays pending: the client sees it so and may try again.
            try
            {
                await audit.RecordAsync(origin with
                {
                    Outcome = AuditOutcome.Failure,
                    Details = new Dictionary<string, string> { ["identifier"] = authorization.Identifier, ["challenge"] = type, ["code"] = AcmeProblems.ServerInternal.Name, ["reason"] = e.GetType().Name },
                }, CancellationToken.None);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
            }
        }
        finally
        {
            validating.TryRemove(authorization.Id, out _);
            done.TrySetResult();
        }
    }
}
