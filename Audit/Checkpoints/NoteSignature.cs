namespace Audit.Checkpoints;

/// <summary>One signature line of a signed note: <c>— name base64(keyhash ‖ signature)</c>.</summary>
/// <param name="Name">The signing key's name.</param>
/// <param name="KeyHash">The key hash, big-endian, as the first four bytes of the encoded signature.</param>
/// <param name="Signature">The signature bytes that follow the key hash.</param>
public sealed record NoteSignature(string Name, uint KeyHash, byte[] Signature);
