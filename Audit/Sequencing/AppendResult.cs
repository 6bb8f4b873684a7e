using Audit.Events;

namespace Audit.Sequencing;

/// <summary>The index a committed event got, or why the event has no canonical encoding.</summary>
internal readonly record struct AppendResult(long Index, EncodingError Error)
{
    public bool IsSuccess => Error == EncodingError.None;
}
