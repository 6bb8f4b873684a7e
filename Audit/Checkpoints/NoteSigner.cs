using NSec.Cryptography;
using Platform.Cryptography;

namespace Audit.Checkpoints;

/// <summary>
/// Signs note text with an Ed25519 <see cref="ISigningKey"/> under a key name, producing C2SP
/// signed-note signatures that Go's <c>note.Open</c> accepts.
/// </summary>
public sealed class NoteSigner
{
    private readonly ISigningKey _key;

    /// <summary>Creates a signer for <paramref name="key"/>, which must be an Ed25519 key.</summary>
    /// <exception cref="ArgumentException">The name is invalid or the key is not Ed25519 (a configuration bug).</exception>
    public NoteSigner(string name, ISigningKey key)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Algorithm != KeyAlgorithm.Ed25519 || key.Scheme != SignatureScheme.Ed25519)
        {
            throw new ArgumentException("Signed notes need an Ed25519 key.", nameof(key));
        }

        if (!NSec.Cryptography.PublicKey.TryImport(
                SignatureAlgorithm.Ed25519, key.SubjectPublicKeyInfo.Span, KeyBlobFormat.PkixPublicKey, out var publicKey) ||
            publicKey is null)
        {
            throw new ArgumentException("The key's SubjectPublicKeyInfo is not an Ed25519 public key.", nameof(key));
        }

        var verifier = NoteVerifierKey.Create(name, publicKey.Export(KeyBlobFormat.RawPublicKey));
        if (!verifier.IsSuccess)
        {
            throw new ArgumentException("A key name must be non-empty, without spaces or '+'.", nameof(name));
        }

        _key = key;
        VerifierKey = verifier.Value!;
    }

    /// <summary>The key name signatures carry.</summary>
    public string Name => VerifierKey.Name;

    /// <summary>The matching verifier key, to publish.</summary>
    public NoteVerifierKey VerifierKey { get; }

    /// <summary>Signs <paramref name="text"/>, which must be valid note text ending in a newline.</summary>
    /// <exception cref="ArgumentException">The text is not valid note text (a caller bug).</exception>
    public NoteSignature Sign(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NoteText.IsValidNoteText(text))
        {
            throw new ArgumentException("Note text must be non-empty UTF-8 lines, each ending in a newline, without blank lines or control characters.", nameof(text));
        }

        var message = NoteText.StrictUtf8.GetBytes(text);
        var signature = _key.Sign(message);

        // A faulty token or a key swapped under us must not publish an unverifiable checkpoint;
        // checking costs one Ed25519 verification per signature.
        if (!VerifierKey.Verify(message, signature))
        {
            throw new InvalidOperationException($"Key {_key.Id} produced a signature its own public key does not verify.");
        }

        return new NoteSignature(Name, VerifierKey.KeyHash, signature);
    }

    /// <summary>Signs <paramref name="text"/> and returns the whole signed note.</summary>
    public SignedNote SignNote(string text) => new(text, [Sign(text)]);
}
