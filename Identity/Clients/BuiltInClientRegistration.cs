using Identity.Clients.Endpoints;
using Microsoft.Extensions.Logging;
using Platform.Auditing;
using Platform.Hosting;
using Platform.Http;

namespace Identity.Clients;

/// <summary>
/// Registers every <see cref="BuiltInClient"/> through the same registry as the administration
/// API (validated, audited), so a built-in application is an ordinary one administrators can read.
/// Unchanged registrations are left alone and cause no audit event, as does one without redirect
/// URIs (a host without an HTTPS listener). A registration the registry refuses stops the start: the platform would otherwise serve a console nobody can sign in to.
/// </summary>
internal sealed partial class BuiltInClientRegistration(IEnumerable<BuiltInClient> clients, ClientRegistry registry, ILogger<BuiltInClientRegistration> logger)
    : IStartupTask
{
    /// <summary>After the audit trail (10) and the token keys (30); it needs no certificate.</summary>
    public int Order => 40;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var client in clients)
        {
            var wanted = client.Registration;
            var clientId = wanted.ClientId ?? throw new InvalidOperationException("A built-in application needs a clientId.");
            // A host with nowhere to send a browser back to (no HTTPS listener, such as a process
            // that only time-stamps) has no use for the application; registering it would fail.
            if (wanted.RedirectUris is null or { Count: 0 })
            {
                LogNotRegistered(logger, clientId);
                continue;
            }

            var audit = new AuditEvent { Module = "identity", Action = ClientAudit.Create, Outcome = AuditOutcome.Success, Actor = AuditActor.System };
            var current = await registry.GetAsync(clientId, cancellationToken);
            ClientOutcome outcome;
            if (current is null)
            {
                outcome = await registry.CreateAsync(wanted, audit, cancellationToken);
                // Another node registered it first: what it registered is the same configuration's.
                if (outcome.Code == ProblemCodes.ClientExists)
                {
                    continue;
                }
            }
            else if (!Same(current, wanted))
            {
                outcome = await registry.UpdateAsync(clientId, Patch(wanted), audit, cancellationToken);
            }
            else
            {
                continue;
            }

            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"The built-in application '{clientId}' cannot be registered ({outcome.Code!.Value}): {outcome.Detail}");
            }

            LogRegistered(logger, clientId, string.Join(' ', wanted.RedirectUris ?? []));
        }
    }

    private static bool Same(Client current, RegisterClientRequest wanted) =>
        current.DisplayName == wanted.DisplayName && current.FirstParty == (wanted.FirstParty ?? false)
        && SameSet(current.RedirectUris, wanted.RedirectUris) && SameSet(current.PostLogoutRedirectUris, wanted.PostLogoutRedirectUris)
        && SameSet(current.GrantTypes, wanted.GrantTypes) && SameSet(current.Scopes, wanted.Scopes) && SameSet(current.Audiences, wanted.Audiences);

    private static bool SameSet(IReadOnlyList<string> current, IReadOnlyList<string>? wanted) =>
        new HashSet<string>(current, StringComparer.Ordinal).SetEquals(wanted ?? []);

    private static UpdateClientRequest Patch(RegisterClientRequest wanted) => new(
        wanted.DisplayName, wanted.FirstParty, wanted.RedirectUris, wanted.PostLogoutRedirectUris, wanted.GrantTypes, wanted.Scopes, wanted.Audiences,
        null, null, null, null, null, null);

    [LoggerMessage(EventId = 6090, Level = LogLevel.Information, Message = "The built-in application {ClientId} is registered with the redirect URIs {RedirectUris}.")]
    private static partial void LogRegistered(ILogger logger, string clientId, string redirectUris);

    [LoggerMessage(EventId = 6091, Level = LogLevel.Information, Message = "The built-in application {ClientId} is not registered: this host has no address to send a browser back to (no HTTPS listener).")]
    private static partial void LogNotRegistered(ILogger logger, string clientId);
}
