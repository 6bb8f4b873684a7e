using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;

namespace Identity.Signing;

/// <summary>
/// Tells the options monitor to rebuild OpenIddict's options when the ring's next change is due
/// (a next key activates, a retired one leaves the JWKS) or a new ring is loaded, so the signer
/// switches without a restart. OpenIddict reads <c>IOptionsMonitor.CurrentValue</c> per request.
/// </summary>
internal sealed class SigningKeyChangeTokenSource(
    SigningKeyRingState state, IOptions<SigningOptions> signing, IOptions<IdentityOptions> identity, TimeProvider time)
    : IOptionsChangeTokenSource<OpenIddictServerOptions>, IDisposable
{
    // Checked at least daily, so a timer never runs longer than the platform's timers allow.
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(24);
    private readonly Lock gate = new();
    private ITimer? timer;

    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken()
    {
        var due = new CancellationTokenSource();
        var ring = state.Ring;
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
            if (ring is not null)
            {
                var now = time.GetUtcNow();
                var next = ring.NextChange(now, SigningKeyTimeline.From(signing.Value, identity.Value).Retention);
                var wait = next is { } at ? at - now : LongestWait;
                wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;
                timer = time.CreateTimer(static d => ((CancellationTokenSource)d!).Cancel(), due, wait, Timeout.InfiniteTimeSpan);
            }
        }

        return new CompositeChangeToken([new CancellationChangeToken(due.Token), new CancellationChangeToken(state.Replaced)]);
    }

    public void Dispose()
    {
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
        }
    }
}
