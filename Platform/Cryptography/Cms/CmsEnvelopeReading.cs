namespace Platform.Cryptography.Cms;

/// <summary>What reading a CMS envelope gave: the envelope, or why there is none.</summary>
/// <param name="Envelope">The envelope, ready to be opened; null when it could not be read.</param>
/// <param name="Error">Why not: <see cref="CmsEnvelopeErrorKind.Malformed"/> or <see cref="CmsEnvelopeErrorKind.AlgorithmUnsupported"/>.</param>
public sealed record CmsEnvelopeReading(CmsEnvelope? Envelope, CmsEnvelopeError? Error);
