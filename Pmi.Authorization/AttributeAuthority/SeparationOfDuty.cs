using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Platform.Http;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>
/// Static separation of duty: refuses a grant that would leave a holder, counting its unexpired and
/// unrevoked attribute certificates (valid now or later), with two roles of one configured conflicting set.
/// </summary>
internal sealed class SeparationOfDuty(HolderDirectory directory, IOptions<SeparationOfDutyOptions> options)
{
    /// <summary>Whether any constraint is configured.</summary>
    public bool Constrained => options.Value.SeparationOfDuty.Count > 0;

    /// <summary>
    /// Null when granting <paramref name="roles"/> to <paramref name="holderSerial"/> is allowed by the
    /// roles this node knows it holds, else the refusal.
    /// </summary>
    public AttributeIssueOutcome? Check(string holderSerial, IReadOnlyList<string> roles) =>
        Constrained ? Check(directory.UnexpiredRoles(holderSerial), roles) : null;

    /// <summary>Null when a holder of <paramref name="held"/> may be granted <paramref name="roles"/>, else the refusal.</summary>
    public AttributeIssueOutcome? Check(IEnumerable<string> held, IReadOnlyList<string> roles)
    {
        var sets = options.Value.SeparationOfDuty;
        var after = new HashSet<string>(held.Concat(roles), StringComparer.Ordinal);
        foreach (var set in sets)
        {
            var conflicting = set.Distinct(StringComparer.Ordinal).Where(after.Contains).ToList();
            if (conflicting.Count >= 2)
            {
                return AttributeIssueOutcome.Refused(ProblemCodes.SeparationOfDutyViolated,
                    $"The holder would hold the conflicting roles {string.Join(" and ", conflicting)}.");
            }
        }

        return null;
    }
}
