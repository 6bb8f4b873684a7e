using Audit.Events;
using System.Text.Json;

namespace Audit.Sequencing;

/// <summary>An event waiting for the sequencer to give it an index and a time.</summary>
internal sealed record AuditDraft
{
    /// <summary>The event's id, when it has one: recorded once, however often it is appended.</summary>
    public string? EventId { get; init; }

    public required AuditActor Actor { get; init; }

    public required string Action { get; init; }

    public string? Target { get; init; }

    public required AuditOutcome Outcome { get; init; }

    public string? SourceAddress { get; init; }

    public string? RequestId { get; init; }

    public required string Module { get; init; }

    public IReadOnlyDictionary<string, JsonElement> Details { get; init; } = new Dictionary<string, JsonElement>();

    public AuditRecord ToRecord(long index, DateTimeOffset time) => new()
    {
        Index = index,
        Time = time,
        Actor = Actor,
        Action = Action,
        Target = Target,
        Outcome = Outcome,
        SourceAddress = SourceAddress,
        RequestId = RequestId,
        Module = Module,
        Details = Details,
    };
}
