using Platform.Authorization;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>
/// <c>Authorization:SeparationOfDuty</c>: sets of roles no holder may hold two of at once (static separation
/// of duty), e.g. <c>[["approver", "payer"], ["auditor", "administrator", "operator"]]</c>.
/// </summary>
public sealed class SeparationOfDutyOptions
{
    /// <summary>The conflicting role sets; each holds at least two distinct role names.</summary>
    public List<List<string>> SeparationOfDuty { get; set; } = [];

    /// <summary>Throws with a clear message on a malformed set, so a bad configuration refuses to boot.</summary>
    public void Validate()
    {
        for (var i = 0; i < SeparationOfDuty.Count; i++)
        {
            var set = SeparationOfDuty[i] ?? [];
            if (!set.All(EntityNames.IsValid) || set.Distinct(StringComparer.Ordinal).Count() < 2)
            {
                throw new InvalidOperationException(
                    $"Authorization:SeparationOfDuty:{i} must hold at least two distinct role names of letters, digits, '.', '_' and '-'.");
            }
        }
    }
}
