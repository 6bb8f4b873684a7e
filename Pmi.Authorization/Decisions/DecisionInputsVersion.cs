using Platform.Certificates;

namespace Pmi.Authorization.Decisions;

/// <summary>
/// A number that moves whenever something a decision may depend on changes as this node sees it:
/// the active policies or schema, the attribute certificates held (granted, revoked, reloaded from
/// another node), delegations, and the revocation state of certificates (from the CA, on every
/// node). A decision taken at one version holds only while the version stays where it was, which
/// lets a cache of decisions drop them all at once (<see cref="InProcessDecisionPoint.InputsVersion"/>).
/// </summary>
internal sealed class DecisionInputsVersion : IDisposable
{
    private readonly ICertificateStatusSource? statuses;
    private long value;

    public DecisionInputsVersion(ICertificateStatusSource? statuses = null)
    {
        this.statuses = statuses;
        if (statuses is not null)
        {
            statuses.StatusChanged += OnStatusChanged;
        }
    }

    public long Value => Volatile.Read(ref value);

    /// <summary>Says that an input changed; call after the change is visible to decisions.</summary>
    public void Moved() => Interlocked.Increment(ref value);

    public void Dispose()
    {
        if (statuses is not null)
        {
            statuses.StatusChanged -= OnStatusChanged;
        }
    }

    private void OnStatusChanged(IReadOnlyCollection<string> serials) => Moved();
}
