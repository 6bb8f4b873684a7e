namespace Platform.Cryptography.Cms;

/// <summary>Why a CMS envelope could not be read or opened, and a message safe to answer.</summary>
/// <param name="Kind">The kind of failure, for callers to branch on.</param>
/// <param name="Detail">What was wrong, for people; it names no secret.</param>
public sealed record CmsEnvelopeError(CmsEnvelopeErrorKind Kind, string Detail);
