using System.Text.Json;

namespace Audit.Events;

/// <summary>
/// One entry of the audit log, as it is canonically encoded (<see cref="AuditRecordEncoder"/>) and
/// hashed into the Merkle tree. It must never carry secrets: no passwords, private keys, tokens
/// or one-time codes, in any field or detail.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>The entry's position in the log, from 0; also its Merkle leaf index.</summary>
    public required long Index { get; init; }

    /// <summary>When the action happened. Encoded in UTC with millisecond precision; finer precision is refused.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Who acted.</summary>
    public required AuditActor Actor { get; init; }

    /// <summary>What was done, a stable dotted name such as <c>pki.certificate.issue</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to, such as a certificate serial or a policy id.</summary>
    public string? Target { get; init; }

    /// <summary>How it ended.</summary>
    public required AuditOutcome Outcome { get; init; }

    /// <summary>The client's network address as the server saw it.</summary>
    public string? SourceAddress { get; init; }

    /// <summary>The request's correlation id.</summary>
    public string? RequestId { get; init; }

    /// <summary>The module that recorded the event, such as <c>Pki.Ca</c>.</summary>
    public required string Module { get; init; }

    /// <summary>
    /// Further facts, by name. Values are JSON strings, booleans, null, integers within
    /// ±(2^53 − 1), and arrays and objects of those; fractional numbers are refused so that every
    /// value has one canonical spelling.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Details { get; init; } = new Dictionary<string, JsonElement>();
}
