using System.Globalization;
using System.Text;
using Audit.Merkle;

namespace Audit.Checkpoints;

/// <summary>
/// A C2SP tlog-checkpoint: the log's origin, its size and its root hash, then optional extension
/// lines; every line ends in a newline. It is the text of a signed note.
/// </summary>
public sealed record Checkpoint
{
    /// <summary>Creates a checkpoint; arguments are checked because our own code builds these.</summary>
    /// <exception cref="ArgumentException">An argument breaks the format (a caller bug).</exception>
    public Checkpoint(string origin, long treeSize, ReadOnlyMemory<byte> rootHash, IReadOnlyList<string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (!IsValidLine(origin))
        {
            throw new ArgumentException("The origin must be one non-empty line.", nameof(origin));
        }

        if (rootHash.Length != Rfc6962.HashSize)
        {
            throw new ArgumentException("The root hash is 32 bytes.", nameof(rootHash));
        }

        extensions ??= [];
        foreach (var line in extensions)
        {
            if (!IsValidLine(line))
            {
                throw new ArgumentException("Each extension must be one non-empty line.", nameof(extensions));
            }
        }

        Origin = origin;
        TreeSize = treeSize;
        RootHash = rootHash.ToArray();
        Extensions = extensions.ToArray();
    }

    /// <summary>The log's identity, a schema-less URL such as <c>audit.example.gov/log</c>.</summary>
    public string Origin { get; }

    /// <summary>The number of entries in the tree.</summary>
    public long TreeSize { get; }

    /// <summary>The RFC 6962 root hash of the tree's first <see cref="TreeSize"/> entries.</summary>
    public ReadOnlyMemory<byte> RootHash { get; }

    /// <summary>Extension lines after the root hash, opaque to this format.</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>The checkpoint body, the text a signed note signs.</summary>
    public string ToBody()
    {
        var builder = new StringBuilder();
        builder.Append(Origin).Append('\n')
            .Append(TreeSize.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(RootHash.Span)).Append('\n');
        foreach (var line in Extensions)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Parses an untrusted checkpoint body (typically a verified note's text).</summary>
    public static NoteResult<Checkpoint> Parse(string? body)
    {
        if (body is null || body.Length == 0 || body[^1] != '\n')
        {
            return NoteResult<Checkpoint>.Failure(NoteError.MalformedCheckpoint);
        }

        if (body.Length > SignedNote.MaxSize)
        {
            return NoteResult<Checkpoint>.Failure(NoteError.TooLarge);
        }

        var lines = body[..^1].Split('\n');
        if (lines.Length < 3 || !lines.All(IsValidLine))
        {
            return NoteResult<Checkpoint>.Failure(NoteError.MalformedCheckpoint);
        }

        var size = ParseSize(lines[1]);
        var root = NoteText.TryDecodeBase64(lines[2]);
        if (size is null || root is null || root.Length != Rfc6962.HashSize)
        {
            return NoteResult<Checkpoint>.Failure(NoteError.MalformedCheckpoint);
        }

        return NoteResult<Checkpoint>.Success(new Checkpoint(lines[0], size.Value, root, lines[3..]));
    }

    // Decimal without sign, leading zeros or separators, so each size has one spelling.
    private static long? ParseSize(string text)
    {
        if (text.Length is 0 or > 19 || (text.Length > 1 && text[0] == '0') || !text.All(char.IsAsciiDigit))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;
    }

    private static bool IsValidLine(string line) =>
        line.Length > 0 && !line.Any(c => char.IsControl(c));

    /// <summary>Compares by value, including the root hash bytes.</summary>
    public bool Equals(Checkpoint? other) =>
        other is not null &&
        Origin == other.Origin &&
        TreeSize == other.TreeSize &&
        RootHash.Span.SequenceEqual(other.RootHash.Span) &&
        Extensions.SequenceEqual(other.Extensions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Origin, TreeSize);
}
