namespace Pki.Ca.Ocsp;

/// <summary>An encoded OCSPResponse and what HTTP caching needs to know of it.</summary>
/// <param name="Der">The OCSPResponse.</param>
/// <param name="Cacheable">Successful and without a nonce: the same request may get the same bytes.</param>
/// <param name="SerialNumbers">The certificates it speaks of, to drop it when one changes.</param>
/// <param name="ThisUpdate">thisUpdate of its single responses.</param>
/// <param name="NextUpdate">nextUpdate of its single responses.</param>
public sealed record OcspAnswer(byte[] Der, bool Cacheable, IReadOnlyList<string> SerialNumbers, DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate)
{
    private OcspHttpHeaders? httpHeaders;

    /// <summary>What it says, for the metrics: error unless successful, else revoked, unknown or good (the worst of its certificates).</summary>
    public Metrics.OcspStatus Status { get; init; } = Metrics.OcspStatus.Error;

    /// <summary>Its HTTP caching headers, formatted on first use.</summary>
    internal OcspHttpHeaders HttpHeaders => httpHeaders ??= new OcspHttpHeaders(this);
}
