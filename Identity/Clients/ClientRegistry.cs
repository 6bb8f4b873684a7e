using System.Buffers.Text;
using System.Data.Common;
using System.Security.Cryptography;
using Identity.Clients.Endpoints;
using Identity.Storage.OpenIddict;
using OpenIddict.Abstractions;
using Platform.Auditing;
using Platform.Http;

namespace Identity.Clients;

/// <summary>
/// What administrators do with registered applications, on OpenIddict's own application manager
/// (which hashes secrets and keeps redirect URIs for exact matching). Each action is exactly one
/// audit event with its real outcome: a change stages its event in the change's own transaction
/// (<see cref="AmbientAudit"/>), a refusal is recorded as a failure with its code; either is
/// durable before the caller hears back.
/// </summary>
internal sealed class ClientRegistry(IOpenIddictApplicationManager manager, IOpenIddictScopeManager scopes, IAuditTrail trail)
{
    /// <summary>Page sizes the list answers: one page of a console.</summary>
    public const int DefaultPageSize = 50, MaxPageSize = 200;

    /// <summary>The application, or null when the client id is not registered.</summary>
    public async Task<Client?> GetAsync(string clientId, CancellationToken cancellationToken) =>
        ClientValidation.IsClientId(clientId) && await manager.FindByClientIdAsync(clientId, cancellationToken) is { } application
            ? await ClientDescriptors.ReadAsync(manager, application, cancellationToken)
            : null;

    /// <summary>
    /// Up to <paramref name="limit"/> applications by client id, after <paramref name="after"/>, whose client id or display
    /// name contains <paramref name="search"/> (case-insensitive) when given; and whether more follow.
    /// </summary>
    public async Task<(IReadOnlyList<Client> Clients, bool More)> ListAsync(int limit, string? after, CancellationToken cancellationToken, string? search = null)
    {
        var page = new List<Client>(limit);
        // The applications table is small; OpenIddict's query runs over it in memory.
        var applications = manager.ListAsync(query => query.Cast<IdentityApplication>()
            .Where(a => after == null || string.CompareOrdinal(a.ClientId, after) > 0)
            .Where(a => search == null || (a.ClientId ?? "").Contains(search, StringComparison.OrdinalIgnoreCase)
                || (a.DisplayName ?? "").Contains(search, StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.ClientId, StringComparer.Ordinal).Take(limit + 1), cancellationToken);
        var more = false;
        await foreach (var application in applications)
        {
            if (page.Count == limit)
            {
                more = true;
                break;
            }

            page.Add(await ClientDescriptors.ReadAsync(manager, application, cancellationToken));
        }

        return (page, more);
    }

    /// <summary>Registers an application; a <c>client_secret_basic</c> one gets a new secret, answered once in <see cref="Client.ClientSecret"/>.</summary>
    public async Task<ClientOutcome> CreateAsync(RegisterClientRequest request, AuditEvent audit, CancellationToken cancellationToken)
    {
        audit = audit with { Action = ClientAudit.Create, Target = ClientValidation.IsClientId(request.ClientId) ? request.ClientId : null };
        var (spec, error) = ClientValidation.Check(request);
        if (spec is null)
        {
            return await RefuseAsync(audit, error!.Code, error.Detail, error.Field, cancellationToken);
        }

        audit = audit with { Target = spec.ClientId, Details = Describe(spec) };
        if (await manager.FindByClientIdAsync(spec.ClientId, cancellationToken) is not null)
        {
            return await RefuseAsExistingAsync(audit, spec.ClientId, cancellationToken);
        }

        var descriptor = ClientDescriptors.Build(spec);
        var secret = spec.AuthMethod == ClientAuthMethods.ClientSecretBasic ? NewSecret() : null;
        descriptor.ClientSecret = secret;
        try
        {
            await ClientScopes.EnsureAsync(scopes, spec.Scopes, cancellationToken);
            using var scope = AmbientAudit.Begin(audit);
            var application = await manager.CreateAsync(descriptor, cancellationToken);
            return ClientOutcome.Done(await ClientDescriptors.ReadAsync(manager, application, cancellationToken) with { ClientSecret = secret });
        }
        catch (Exception e) when (e is DbException or OpenIddictExceptions.ValidationException)
        {
            // Two registrations of one id raced: the loser meets either OpenIddict's own uniqueness
            // check (a validation error) or, past it, the database's unique index.
            if (await manager.FindByClientIdAsync(spec.ClientId, cancellationToken) is not null)
            {
                return await RefuseAsExistingAsync(audit, spec.ClientId, cancellationToken);
            }

            if (e is OpenIddictExceptions.ValidationException invalid)
            {
                return await RefuseAsync(audit, ProblemCodes.ClientInconsistent, Reasons(invalid), null, cancellationToken);
            }

            throw;
        }
    }

    /// <summary>Changes the fields <paramref name="patch"/> gives; the others are kept.</summary>
    public async Task<ClientOutcome> UpdateAsync(string clientId, UpdateClientRequest patch, AuditEvent audit, CancellationToken cancellationToken)
    {
        audit = audit with { Action = ClientAudit.Update, Target = ClientValidation.IsClientId(clientId) ? clientId : null };
        if (!ClientValidation.IsClientId(clientId) || await manager.FindByClientIdAsync(clientId, cancellationToken) is not { } application)
        {
            return await RefuseAsync(audit, ProblemCodes.ClientUnknown, $"No application has the clientId '{Short(clientId)}'.", null, cancellationToken);
        }

        var fields = ClientPatch.Fields(patch);
        audit = audit with { Details = new Dictionary<string, string>(StringComparer.Ordinal) { ["fields"] = string.Join(',', fields) } };
        if (fields.Count == 0)
        {
            return await RefuseAsync(audit, ProblemCodes.BodyInvalid, "The body names nothing to change.", null, cancellationToken);
        }

        var current = await ClientDescriptors.ReadAsync(manager, application, cancellationToken);
        var (spec, error) = ClientValidation.Check(ClientPatch.Apply(ClientDescriptors.ToRequest(current), patch));
        if (spec is null)
        {
            return await RefuseAsync(audit, error!.Code, error.Detail, error.Field, cancellationToken);
        }

        var stored = new OpenIddictApplicationDescriptor();
        await manager.PopulateAsync(stored, application, cancellationToken);
        var descriptor = ClientDescriptors.Build(spec, stored);
        try
        {
            await ClientScopes.EnsureAsync(scopes, spec.Scopes, cancellationToken);
            using var scope = AmbientAudit.Begin(audit);
            await manager.UpdateAsync(application, descriptor, cancellationToken);
            return ClientOutcome.Done(await ClientDescriptors.ReadAsync(manager, application, cancellationToken));
        }
        catch (OpenIddictExceptions.ConcurrencyException)
        {
            return await RefuseAsync(audit, ProblemCodes.ClientChanged, $"The application '{clientId}' was changed or removed meanwhile; read it again.", null, cancellationToken);
        }
        catch (OpenIddictExceptions.ValidationException e)
        {
            return await RefuseAsync(audit, ProblemCodes.ClientInconsistent, Reasons(e), null, cancellationToken);
        }
    }

    /// <summary>Removes an application; its tokens and authorizations go with it.</summary>
    public async Task<ClientOutcome> DeleteAsync(string clientId, AuditEvent audit, CancellationToken cancellationToken)
    {
        audit = audit with { Action = ClientAudit.Delete, Target = ClientValidation.IsClientId(clientId) ? clientId : null };
        if (!ClientValidation.IsClientId(clientId) || await manager.FindByClientIdAsync(clientId, cancellationToken) is not { } application)
        {
            return await RefuseAsync(audit, ProblemCodes.ClientUnknown, $"No application has the clientId '{Short(clientId)}'.", null, cancellationToken);
        }

        using var scope = AmbientAudit.Begin(audit);
        await manager.DeleteAsync(application, cancellationToken);
        return ClientOutcome.Done(null);
    }

    /// <summary>Replaces a <c>client_secret_basic</c> application's secret with a new one, answered once; the old one stops working.</summary>
    public async Task<ClientOutcome> RotateSecretAsync(string clientId, AuditEvent audit, CancellationToken cancellationToken)
    {
        audit = audit with { Action = ClientAudit.SecretRotate, Target = ClientValidation.IsClientId(clientId) ? clientId : null };
        if (!ClientValidation.IsClientId(clientId) || await manager.FindByClientIdAsync(clientId, cancellationToken) is not { } application)
        {
            return await RefuseAsync(audit, ProblemCodes.ClientUnknown, $"No application has the clientId '{Short(clientId)}'.", null, cancellationToken);
        }

        var current = await ClientDescriptors.ReadAsync(manager, application, cancellationToken);
        if (current.TokenEndpointAuthMethod != ClientAuthMethods.ClientSecretBasic)
        {
            return await RefuseAsync(audit, ProblemCodes.ClientSecretUnused,
                $"The application '{clientId}' authenticates with {current.TokenEndpointAuthMethod}, not a client secret.", null, cancellationToken);
        }

        var secret = NewSecret();
        try
        {
            using var scope = AmbientAudit.Begin(audit);
            await manager.UpdateAsync(application, secret, cancellationToken);
            return ClientOutcome.Done(current with { ClientSecret = secret });
        }
        catch (OpenIddictExceptions.ConcurrencyException)
        {
            return await RefuseAsync(audit, ProblemCodes.ClientChanged, $"The application '{clientId}' was changed or removed meanwhile; try again.", null, cancellationToken);
        }
    }

    /// <summary>A client secret: 256 bits from the CSPRNG, base64url (43 characters).</summary>
    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static Dictionary<string, string> Describe(ClientSpec spec) => new(StringComparer.Ordinal)
    {
        ["tokenEndpointAuthMethod"] = spec.AuthMethod,
        ["grantTypes"] = string.Join(' ', spec.GrantTypes),
        ["firstParty"] = spec.FirstParty ? "true" : "false",
    };

    private static string Reasons(OpenIddictExceptions.ValidationException e) =>
        "OpenIddict refused the registration: " + string.Join(" ", e.Results.Select(r => r.ErrorMessage));

    private static string Short(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private Task<ClientOutcome> RefuseAsExistingAsync(AuditEvent audit, string clientId, CancellationToken cancellationToken) =>
        RefuseAsync(audit, ProblemCodes.ClientExists, $"An application with the clientId '{clientId}' is registered already.", "clientId", cancellationToken);

    private async Task<ClientOutcome> RefuseAsync(AuditEvent audit, ProblemCode code, string detail, string? field, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string>(audit.Details, StringComparer.Ordinal) { ["code"] = code.Value };
        if (field is not null)
        {
            details["field"] = field;
        }

        await trail.RecordAsync(audit with { Outcome = AuditOutcome.Failure, Details = details }, cancellationToken);
        return ClientOutcome.Refused(code, detail, field);
    }
}
