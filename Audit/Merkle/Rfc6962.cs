using System.Security.Cryptography;

namespace Audit.Merkle;

/// <summary>
/// The RFC 6962 / RFC 9162 Merkle tree hash with SHA-256: a leaf hash is
/// SHA-256(0x00 ‖ entry), an interior node hash is SHA-256(0x01 ‖ left ‖ right), and the empty
/// tree's root is SHA-256 of nothing. The distinct prefixes keep a leaf from ever being
/// mistaken for an interior node (second-preimage resistance).
/// </summary>
public static class Rfc6962
{
    /// <summary>The size of every hash in the tree, in bytes.</summary>
    public const int HashSize = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    private static readonly byte[] EmptyRootHash = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The root hash of the tree with no leaves: SHA-256 of the empty string.</summary>
    public static ReadOnlySpan<byte> EmptyRoot => EmptyRootHash;

    /// <summary>Returns the leaf hash of <paramref name="entry"/>.</summary>
    public static byte[] HashLeaf(ReadOnlySpan<byte> entry)
    {
        var hash = new byte[HashSize];
        HashLeaf(entry, hash);
        return hash;
    }

    /// <summary>Writes the leaf hash of <paramref name="entry"/> into <paramref name="destination"/>.</summary>
    public static void HashLeaf(ReadOnlySpan<byte> entry, Span<byte> destination)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ReadOnlySpan<byte> prefix = [LeafPrefix];
        hash.AppendData(prefix);
        hash.AppendData(entry);
        if (!hash.TryGetHashAndReset(destination, out var written) || written != HashSize)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(destination));
        }
    }

    /// <summary>Returns the hash of the interior node whose children hash to the given values.</summary>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[HashSize];
        HashChildren(left, right, hash);
        return hash;
    }

    /// <summary>
    /// Writes the interior node hash of <paramref name="left"/> and <paramref name="right"/> into
    /// <paramref name="destination"/>, which may overlap either input.
    /// </summary>
    public static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(destination));
        }

        if (left.Length != HashSize || right.Length != HashSize)
        {
            throw new ArgumentException("Child hashes must be 32 bytes.");
        }

        // One contiguous buffer keeps this a single SHA-256 call, which is most of the cost of
        // proof verification; copying first also makes overlapping destinations safe.
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];

        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        SHA256.HashData(buffer, destination);
    }
}
