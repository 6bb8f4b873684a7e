using Platform.TimeStamping;

namespace Audit.Tests.TimeStamps;

/// <summary>
/// A TSA that answers as told: a token naming the digest it was given, or the refusal the real
/// one throws. It records what it was asked, so a test can see exactly which bytes were stamped.
/// </summary>
internal sealed class FakeTimeStampAuthority : ITimeStampAuthority
{
    private readonly List<byte[]> digests = [];

    /// <summary>While set, every request is refused with this reason.</summary>
    public string? Refusal { get; set; }

    public IReadOnlyList<byte[]> Digests => digests;

    public Task<TimeStampGrant> StampAsync(ReadOnlyMemory<byte> sha256, CancellationToken cancellationToken = default)
    {
        digests.Add(sha256.ToArray());
        if (Refusal is { } reason)
        {
            throw new TimeStampUnavailableException(reason);
        }

        // Not a real token: the store and publisher treat tokens as opaque bytes.
        return Task.FromResult(new TimeStampGrant([0x30, .. sha256.ToArray()], digests.Count.ToString("x"), DateTimeOffset.UnixEpoch.AddSeconds(digests.Count)));
    }
}
