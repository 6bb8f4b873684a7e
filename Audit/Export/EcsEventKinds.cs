using Audit.Events;

namespace Audit.Export;

/// <summary>
/// Maps an audit action (a dotted name such as <c>certificate.issue</c>) to the ECS
/// <c>event.category</c> and <c>event.type</c> values a SIEM filters on. The noun (first segment)
/// gives the category, the verb (last segment) the type; a noun with no fitting ECS category gets
/// none rather than a misleading one.
/// </summary>
internal static class EcsEventKinds
{
    private static readonly Dictionary<string, string> CategoryByNoun = new(StringComparer.Ordinal)
    {
        ["authentication"] = "authentication",
        ["session"] = "session",
        ["token"] = "authentication",
        ["authorization"] = "iam",
        ["delegation"] = "iam",
        ["attribute-certificate"] = "iam",
        ["person"] = "iam",
        ["application"] = "iam",
        ["department"] = "iam",
        ["certificate"] = "iam",
        ["acme"] = "iam",
        ["policies"] = "configuration",
        ["schema"] = "configuration",
        ["ca"] = "configuration",
        ["crl"] = "configuration",
        ["keys"] = "configuration",
        ["request"] = "web",
    };

    private static readonly Dictionary<string, string> TypeByVerb = new(StringComparer.Ordinal)
    {
        ["create"] = "creation",
        ["issue"] = "creation",
        ["import"] = "creation",
        ["enrol"] = "creation",
        ["bind"] = "creation",
        ["request"] = "creation",
        ["sign"] = "creation",
        ["revoke"] = "deletion",
        ["deactivate"] = "deletion",
        ["delete"] = "deletion",
        ["update"] = "change",
        ["rollover"] = "change",
        ["rewrap"] = "change",
        ["key-change"] = "change",
        ["finalize"] = "change",
        ["forward"] = "access",
    };

    /// <summary>The ECS category of <paramref name="action"/>, or null when none fits.</summary>
    public static string? Category(string action)
    {
        var dot = action.IndexOf('.', StringComparison.Ordinal);
        return CategoryByNoun.GetValueOrDefault(dot < 0 ? action : action[..dot]);
    }

    /// <summary>The ECS types of <paramref name="action"/>: what it did, then <c>allowed</c> or <c>denied</c> for access decisions.</summary>
    public static IEnumerable<string> Types(string action, AuditOutcome outcome)
    {
        var dot = action.LastIndexOf('.');
        yield return TypeByVerb.GetValueOrDefault(dot < 0 ? action : action[(dot + 1)..], "info");
        if (outcome == AuditOutcome.Denied)
        {
            yield return "denied";
        }
        else if (outcome == AuditOutcome.Success && action.StartsWith("authorization.", StringComparison.Ordinal))
        {
            yield return "allowed";
        }
    }
}
