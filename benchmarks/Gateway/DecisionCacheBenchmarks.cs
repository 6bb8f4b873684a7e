using BenchmarkDotNet.Attributes;
using Gateway.Decisions;
using Microsoft.Extensions.Options;
using Platform.Authorization;
using Platform.Security;

namespace Gateway.Benchmarks;

/// <summary>
/// The gateway's decision cache on a hit: the key of the whole question built (for a token, over
/// the whole JWT), the version compared, the answer returned. A hit never reaches the decision
/// point, so the one behind it here only answers the first question; deciding itself is measured
/// by benchmarks/Authorization.
/// </summary>
[MemoryDiagnoser]
public class DecisionCacheBenchmarks
{
    private DecisionCache cache = null!;
    private AuthorizationQuestion token = null!;
    private AuthorizationQuestion certificate = null!;

    [GlobalSetup]
    public void Setup()
    {
        cache = new DecisionCache(new FixedDecisionPoint(), Options.Create(new DecisionCacheOptions()), TimeProvider.System);
        // An ES256 access token of the platform's identity provider for a person is 800 to 1,000 characters.
        var jwt = "eyJhbGciOiJFUzI1NiIsImtpZCI6IjEyMyIsInR5cCI6ImF0K2p3dCJ9." + new string('x', 760) + "." + new string('s', 86);
        token = new AuthorizationQuestion(new AccessTokenPrincipal(jwt,
            new ValidatedAccessToken("wang.wu", "approvals", true, "public-works", ["approver"], null, ["pwd"], ["https://approvals.city.example"], [], DateTimeOffset.MaxValue, null)),
            "approve", "Approval", "a-17");
        certificate = new AuthorizationQuestion(new CertificatePrincipal("5c2f0e9a41d3b7"), "read", "Archive", "city-archive");
        _ = cache.DecideAsync(token, default).Result;
        _ = cache.DecideAsync(certificate, default).Result;
    }

    [Benchmark]
    public bool HitForAToken() => cache.DecideAsync(token, default).Result.IsAllowed;

    [Benchmark]
    public bool HitForACertificate() => cache.DecideAsync(certificate, default).Result.IsAllowed;

    private sealed class FixedDecisionPoint : IAuthorizationDecisionPoint
    {
        public long? InputsVersion => 1;

        public Task<AuthorizationDecision> DecideAsync(AuthorizationQuestion question, CancellationToken cancellationToken) =>
            Task.FromResult(new AuthorizationDecision(true, ["approvers"], []));
    }
}
