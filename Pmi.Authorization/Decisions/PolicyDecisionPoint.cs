using Microsoft.Extensions.Logging;
using Pmi.Authorization.Authorization;
using Pmi.Authorization.Policies;
using Pmi.Authorization.Storage;
using Platform.Hosting;
using System.Text.Json;

namespace Pmi.Authorization.Decisions;

/// <summary>
/// Decides requests against the active generation of policies and schema. The generation is loaded
/// from the database before the platform serves, replaced whole by updates, and reloaded when
/// another node stored a newer one. Deciding takes no lock: it reads one reference.
/// </summary>
internal sealed class PolicyDecisionPoint(
    PolicyStore store, ILogger<PolicyDecisionPoint> logger, AttributeAuthority.HolderDirectory? holders = null, DecisionInputsVersion? inputs = null,
    Metrics.AuthorizationMetrics? metrics = null) : IStartupTask
{
    private ActivePolicies active = ActivePolicies.Empty;

    /// <summary>Serializes updates and reloads, so a generation is always built on the newest one.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public ActivePolicies Active => Volatile.Read(ref active);

    // After the CA hierarchy (100) and the modules' certificates; nothing here needs them.
    public int Order => 300;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var error = await ReloadAsync(cancellationToken);
        if (error is not null)
        {
            // A stored document that no longer loads must be looked at, not silently replaced by deny-all.
            throw new InvalidOperationException("The stored authorization " + error);
        }
    }

    /// <summary>Decides a request read from <paramref name="element"/> with the default budgets; bad input is refused, never thrown.</summary>
    public (AuthorizationResponse? Response, DecisionInput Input) Decide(JsonElement element, int maxEntities) =>
        Decide(element, new PolicyDecisionOptions { MaxRequestEntities = maxEntities }, CancellationToken.None);

    /// <summary>
    /// Decides a request read from <paramref name="element"/> within <paramref name="limits"/>; bad input is refused,
    /// never thrown. Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is
    /// signalled: the caller has gone and the work stops.
    /// </summary>
    /// <param name="element">The request.</param>
    /// <param name="limits">The budgets.</param>
    /// <param name="cancellationToken">Stops the work when the caller has gone.</param>
    /// <param name="tokenPrincipal">The principal of the request's validated token, if it carries one (<see cref="TokenPrincipals"/>).</param>
    public (AuthorizationResponse? Response, DecisionInput Input) Decide(JsonElement element, PolicyDecisionOptions limits, CancellationToken cancellationToken, Model.Entity? tokenPrincipal = null)
    {
        var startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var generation = Active;
        var input = DecisionRequestReader.Read(element, generation, limits.MaxRequestEntities, holders is null ? null : holders.EntityFor, holders?.ReservedTypes, tokenPrincipal);
        if (input.Request is null)
        {
            metrics?.Decided(null, 0, startedAt);
            return (null, input);
        }

        var response = Authorizer.IsAuthorized(input.Request, generation.Policies, input.Entities!, limits.MaxPolicySteps, limits.MaxRequestSteps, cancellationToken);
        metrics?.Decided(response.Decision == Decision.Allow, response.Errors.Count, startedAt);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            PdpLog.Decided(logger, input.Request.Principal.ToString(), input.Request.Action.ToString(), input.Request.Resource.ToString(),
                response.Decision, response.Errors.Count);
        }

        return (response, input);
    }

    /// <summary>Makes <paramref name="next"/> the active generation. Call holding <see cref="Gate"/>.</summary>
    public void Activate(ActivePolicies next)
    {
        Volatile.Write(ref active, next);
        inputs?.Moved();
    }

    /// <summary>
    /// Loads the newest stored documents when they differ from the active ones. Returns why they could
    /// not be loaded (the active generation is then kept), or null.
    /// </summary>
    public async Task<string?> ReloadAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return await ReloadLockedAsync(cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>As <see cref="ReloadAsync"/>, for a caller already holding <see cref="Gate"/>.</summary>
    public async Task<string?> ReloadLockedAsync(CancellationToken cancellationToken)
    {
        var current = Active;
        var policyDocument = await store.LatestAsync(DocumentKind.Policies, cancellationToken);
        var schemaDocument = await store.LatestAsync(DocumentKind.Schema, cancellationToken);
        if ((policyDocument?.Version ?? 0) == current.PolicyVersion && (schemaDocument?.Version ?? 0) == current.SchemaVersion)
        {
            return null;
        }

        Schema.CedarSchema? schema = null;
        if (schemaDocument is not null)
        {
            var (parsed, error) = SchemaReader.Read(schemaDocument.Text, schemaDocument.Format);
            if (parsed is null)
            {
                PdpLog.StoredDocumentUnusable(logger, "schema", schemaDocument.Version, error!.Message);
                return $"schema version {schemaDocument.Version} does not parse: {error.Message}";
            }

            schema = parsed;
        }

        var policies = ActivePolicies.Empty.Policies;
        if (policyDocument is not null)
        {
            var parsed = PolicySet.Parse(policyDocument.Text);
            if (!parsed.IsSuccess)
            {
                PdpLog.StoredDocumentUnusable(logger, "policies", policyDocument.Version, parsed.Error!.ToString());
                return $"policies version {policyDocument.Version} do not parse: {parsed.Error}";
            }

            policies = parsed.Value!;
        }

        Activate(new ActivePolicies(policies, policyDocument, schema, schemaDocument));
        PdpLog.Loaded(logger, policyDocument?.Version ?? 0, policies.All.Count, schemaDocument?.Version ?? 0);
        return null;
    }
}
