using System.Diagnostics.Metrics;

namespace Identity.Metrics;

/// <summary>
/// The identity provider's instruments, meter <c>SecurityPlatform.Identity</c>: sign-ins by method
/// (the RFC 8176 <c>amr</c> values: <c>pwd</c>, <c>pwd+otp</c>, <c>certificate</c>), outcome
/// (<c>success</c>, <c>failure</c>) and reason (the audit trail's reason names, an enumerated set),
/// and the password sign-ins refused for their address's rate. Never a login or a serial.
/// </summary>
public sealed class IdentityMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SecurityPlatform.Identity";

    private readonly Counter<long> signIns;
    private readonly Counter<long> rateLimited;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public IdentityMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        signIns = meter.CreateCounter<long>("securityplatform.identity.sign_ins", "{sign-in}",
            "Sign-in attempts at the identity provider, by method, outcome and reason.");
        rateLimited = meter.CreateCounter<long>("securityplatform.identity.sign_in.rate_limited", "{attempt}",
            "Password sign-ins refused for their address's rate.");
    }

    /// <summary>Counts one sign-in attempt; <paramref name="reason"/> is one of the enumerated audit reasons.</summary>
    public void SignIn(string method, bool succeeded, string reason) =>
        signIns.Add(1, new KeyValuePair<string, object?>("method", method),
            new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"),
            new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts one password sign-in refused for its address's rate (also counted as a sign-in).</summary>
    public void RateLimited() => rateLimited.Add(1);
}
