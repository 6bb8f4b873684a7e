namespace Audit.Checkpoints;

/// <summary>A note whose text at least one trusted key signed.</summary>
/// <param name="Text">The signed text.</param>
/// <param name="VerifiedSignatures">Signatures by trusted keys, each checked.</param>
/// <param name="UnverifiedSignatures">Signatures by keys the verifier does not know, not checked.</param>
public sealed record VerifiedNote(
    string Text,
    IReadOnlyList<NoteSignature> VerifiedSignatures,
    IReadOnlyList<NoteSignature> UnverifiedSignatures);
