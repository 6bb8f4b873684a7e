using Microsoft.Extensions.Logging;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Hosting;

namespace Pmi.Authorization.Decisions;

/// <summary>
/// At the first start of a platform whose policies were never set (no stored version of the
/// policies or the schema), activates the modules' <see cref="DefaultPolicies"/> as version 1,
/// through the same update as <c>PUT /authz/policies</c> (validated, stored, audited with the
/// system as actor). Never again afterwards: once any version exists, even an empty one, what
/// administrators set stands. Two nodes starting at once store it once; the other is refused as a
/// concurrent update and loads it.
/// </summary>
internal sealed partial class DefaultPolicyBootstrap(
    IEnumerable<DefaultPolicies> defaults, PolicyDecisionPoint pdp, PolicyAdministration administration, ILogger<DefaultPolicyBootstrap> logger) : IStartupTask
{
    // Right after the decision point loaded what is stored.
    public int Order => 301;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var shipped = defaults.ToList();
        if (shipped.Count == 0 || pdp.Active.PolicyDocument is not null || pdp.Active.SchemaDocument is not null)
        {
            return;
        }

        var text = string.Join("\n\n", shipped.Select(d => $"// Shipped by {d.Module}; edit or replace with PUT /authz/policies.\n{d.Text.Trim()}"));
        var outcome = await administration.UpdatePoliciesAsync(text,
            new AuditEvent { Module = "pmi.authorization", Action = "policies.update", Outcome = AuditOutcome.Success, Actor = AuditActor.System }, cancellationToken);
        if (outcome.Code is { } code && code != Platform.Http.ProblemCodes.UpdateConcurrent)
        {
            throw new InvalidOperationException($"The modules' default policies do not load ({code.Value}): {outcome.Detail}");
        }

        LogBootstrapped(logger, string.Join(", ", shipped.Select(d => d.Module)));
    }

    [LoggerMessage(EventId = 5030, Level = LogLevel.Information, Message = "The platform's policies were never set: the default policies of {Modules} are version 1.")]
    private static partial void LogBootstrapped(ILogger logger, string modules);
}
