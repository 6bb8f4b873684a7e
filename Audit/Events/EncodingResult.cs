namespace Audit.Events;

/// <summary>The canonical bytes of a record, or why there are none.</summary>
/// <param name="Bytes">The UTF-8 canonical JSON, when <paramref name="Error"/> is <see cref="EncodingError.None"/>.</param>
/// <param name="Error">Why encoding failed, or <see cref="EncodingError.None"/>.</param>
public readonly record struct EncodingResult(byte[]? Bytes, EncodingError Error)
{
    /// <summary>Whether <see cref="Bytes"/> holds the encoding.</summary>
    public bool IsSuccess => Error == EncodingError.None && Bytes is not null;
}
