using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Audit.Checkpoints;

/// <summary>
/// A signed-note verifier key for Ed25519, in the format of Go's
/// <c>golang.org/x/mod/sumdb/note</c>: <c>name+hex(keyhash)+base64(0x01 ‖ public key)</c>, where
/// keyhash is the first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), big-endian.
/// </summary>
public sealed class NoteVerifierKey
{
    /// <summary>The signature type byte C2SP signed-note assigns to Ed25519.</summary>
    public const byte Ed25519Type = 0x01;

    private const int MaxEncodedLength = 1024;

    private readonly PublicKey _key;
    private readonly byte[] _publicKey;

    private NoteVerifierKey(string name, byte[] publicKey, PublicKey key)
    {
        Name = name;
        _publicKey = publicKey;
        _key = key;
        KeyHash = ComputeKeyHash(name, publicKey);
    }

    /// <summary>The key's name, typically the log's origin.</summary>
    public string Name { get; }

    /// <summary>The 32-bit key hash that signature lines carry to pick the key.</summary>
    public uint KeyHash { get; }

    /// <summary>The raw 32-byte Ed25519 public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>Creates a verifier key from a name and a raw 32-byte Ed25519 public key.</summary>
    /// <returns>A failure when the name is invalid or the bytes are not an Ed25519 public key.</returns>
    public static NoteResult<NoteVerifierKey> Create(string name, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NoteText.IsValidName(name))
        {
            return NoteResult<NoteVerifierKey>.Failure(NoteError.InvalidKeyName);
        }

        if (publicKey.Length != 32 ||
            !NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key) ||
            key is null)
        {
            return NoteResult<NoteVerifierKey>.Failure(NoteError.InvalidVerifierKey);
        }

        return NoteResult<NoteVerifierKey>.Success(new NoteVerifierKey(name, publicKey.ToArray(), key));
    }

    /// <summary>Parses an untrusted verifier key string.</summary>
    public static NoteResult<NoteVerifierKey> Parse(string? text)
    {
        if (text is null || text.Length > MaxEncodedLength)
        {
            return NoteResult<NoteVerifierKey>.Failure(text is null ? NoteError.InvalidVerifierKey : NoteError.TooLarge);
        }

        // The name may not contain '+', the hash never does, and the base64 key may: split on
        // the first two only.
        var parts = text.Split('+', 3);
        if (parts.Length != 3)
        {
            return NoteResult<NoteVerifierKey>.Failure(NoteError.InvalidVerifierKey);
        }

        var (name, hashText, keyText) = (parts[0], parts[1], parts[2]);
        if (!NoteText.IsValidName(name))
        {
            return NoteResult<NoteVerifierKey>.Failure(NoteError.InvalidKeyName);
        }

        if (hashText.Length != 8 || !uint.TryParse(hashText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash))
        {
            return NoteResult<NoteVerifierKey>.Failure(NoteError.InvalidVerifierKey);
        }

        var typedKey = NoteText.TryDecodeBase64(keyText);
        if (typedKey is null || typedKey.Length == 0)
        {
            return NoteResult<NoteVerifierKey>.Failure(NoteError.InvalidVerifierKey);
        }

        if (typedKey[0] != Ed25519Type)
        {
            return NoteResult<NoteVerifierKey>.Failure(NoteError.UnsupportedAlgorithm);
        }

        var created = Create(name, typedKey.AsSpan(1));
        if (!created.IsSuccess)
        {
            return created;
        }

        return created.Value!.KeyHash == hash ? created : NoteResult<NoteVerifierKey>.Failure(NoteError.InvalidVerifierKey);
    }

    /// <summary>The Go note key hash of an Ed25519 key: SHA-256(name ‖ "\n" ‖ 0x01 ‖ key)[0..4], big-endian.</summary>
    public static uint ComputeKeyHash(string name, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = NoteText.StrictUtf8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = (byte)'\n';
        input[nameBytes.Length + 1] = Ed25519Type;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>Checks an Ed25519 <paramref name="signature"/> over <paramref name="message"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureAlgorithm.Ed25519.SignatureSize &&
        SignatureAlgorithm.Ed25519.Verify(_key, message, signature);

    /// <summary>The key in <c>name+hash+base64key</c> form.</summary>
    public override string ToString()
    {
        var typed = new byte[1 + _publicKey.Length];
        typed[0] = Ed25519Type;
        _publicKey.CopyTo(typed, 1);
        return $"{Name}+{KeyHash:x8}+{Convert.ToBase64String(typed)}";
    }
}
