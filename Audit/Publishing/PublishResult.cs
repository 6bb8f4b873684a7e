namespace Audit.Publishing;

/// <summary>The outcome of publishing, and the signed note that is current afterwards.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Note">The latest signed checkpoint note, or null when none was ever published.</param>
public sealed record PublishResult(PublishOutcome Outcome, string? Note);
