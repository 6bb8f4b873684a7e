using Gateway.Decisions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.Authorization;
using Platform.Security;

namespace Server.Tests.Gateway;

/// <summary>
/// The gateway's decision cache in isolation, before a decision point whose answers and version a
/// test sets (the real one is behind the gateway in <see cref="GatewayDecisionCacheTests"/>): an
/// answer is reused only for the very same question, at the same version, within its time.
/// </summary>
public sealed class DecisionCacheTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CountingDecisionPoint point = new();

    [Fact]
    public async Task SameQuestion_AtTheSameVersion_IsAnsweredFromTheCache()
    {
        var cache = Cache();

        var first = await cache.DecideAsync(Question(), default);
        var second = await cache.DecideAsync(Question(), default);

        Assert.Same(first, second);
        Assert.Equal(1, point.Asked);
    }

    public static TheoryData<string> Inputs => ["token", "certificate", "kind", "action", "resource type", "resource id", "context", "context value"];

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task QuestionsDifferingInAnyInput_NeverShareAnAnswer(string input)
    {
        var cache = Cache();
        var question = Question();
        var other = input switch
        {
            "token" => question with { Principal = Token("eyJ.other.token") },
            "certificate" => Question(new CertificatePrincipal("0a1c")),
            "kind" => question with { Principal = new CertificatePrincipal("eyJ.a.token") },
            "action" => question with { Action = "reject" },
            "resource type" => question with { ResourceType = "Archive" },
            "resource id" => question with { ResourceId = "a-18" },
            "context" => question with { Context = new Dictionary<string, string> { ["channel"] = "web", ["extra"] = "" } },
            _ => question with { Context = new Dictionary<string, string> { ["channel"] = "counter" } },
        };
        var baseline = input == "certificate" ? Question(new CertificatePrincipal("0a1b")) : question;
        point.Allow = q => q == baseline;

        Assert.True((await cache.DecideAsync(baseline, default)).IsAllowed);
        Assert.False((await cache.DecideAsync(other, default)).IsAllowed);
        Assert.Equal(2, point.Asked);
    }

    [Fact]
    public void ContextsThatWouldReadAlikeWhenJoined_HaveDifferentKeys()
    {
        var one = Question() with { Context = new Dictionary<string, string> { ["a"] = "b1:c" } };
        var two = Question() with { Context = new Dictionary<string, string> { ["a"] = "b", ["c"] = "" } };
        var reordered = Question() with { Context = new Dictionary<string, string> { ["c"] = "", ["a"] = "b" } };

        Assert.NotEqual(DecisionKey.Of(one), DecisionKey.Of(two));
        Assert.Equal(DecisionKey.Of(two), DecisionKey.Of(reordered));
    }

    [Fact]
    public async Task VersionMoved_EveryKeptAnswerIsAskedAgain()
    {
        var cache = Cache();
        Assert.True((await cache.DecideAsync(Question(), default)).IsAllowed);

        point.Allow = _ => false;
        point.Version++;

        Assert.False((await cache.DecideAsync(Question(), default)).IsAllowed);
        Assert.Equal(2, point.Asked);
    }

    [Fact]
    public async Task ChangeWhileDeciding_TheAnswerIsNotReused()
    {
        var cache = Cache();
        point.WhileDeciding = () => point.Version++;

        await cache.DecideAsync(Question(), default);
        point.WhileDeciding = null;
        await cache.DecideAsync(Question(), default);

        Assert.Equal(2, point.Asked);
    }

    [Fact]
    public async Task AnswerPastItsValidityOrMaximumAge_IsAskedAgain()
    {
        var cache = Cache(maxAgeSeconds: 60);
        point.ValidUntil = clock.GetUtcNow().AddSeconds(10);
        await cache.DecideAsync(Question(), default);
        clock.Advance(TimeSpan.FromSeconds(9));
        await cache.DecideAsync(Question(), default);
        Assert.Equal(1, point.Asked);

        clock.Advance(TimeSpan.FromSeconds(1));
        point.ValidUntil = null;
        await cache.DecideAsync(Question(), default);
        Assert.Equal(2, point.Asked);

        clock.Advance(TimeSpan.FromSeconds(60));
        await cache.DecideAsync(Question(), default);
        Assert.Equal(3, point.Asked);
    }

    [Fact]
    public async Task CacheOff_OrADecisionPointWithoutAVersion_IsAskedEveryTime()
    {
        var off = Cache(maxAgeSeconds: 0);
        await off.DecideAsync(Question(), default);
        await off.DecideAsync(Question(), default);
        point.Version = null;
        var remote = Cache();
        await remote.DecideAsync(Question(), default);
        await remote.DecideAsync(Question(), default);

        Assert.Equal(4, point.Asked);
    }

    [Fact]
    public async Task Full_AllAnswersAreDropped_AndItFillsAgain()
    {
        var cache = Cache(maxEntries: 2);
        foreach (var id in new[] { "a", "b", "c", "a" })
        {
            await cache.DecideAsync(Question() with { ResourceId = id }, default);
        }

        Assert.Equal(4, point.Asked);
    }

    private DecisionCache Cache(int maxAgeSeconds = 60, int maxEntries = 100) =>
        new(point, Options.Create(new DecisionCacheOptions { MaxAgeSeconds = maxAgeSeconds, MaxEntries = maxEntries }), clock);

    private static AuthorizationQuestion Question(AuthorizationPrincipal? principal = null) =>
        new(principal ?? Token("eyJ.a.token"), "approve", "Approval", "a-17", new Dictionary<string, string> { ["channel"] = "web" });

    private static AccessTokenPrincipal Token(string jwt) => new(jwt,
        new ValidatedAccessToken("wang.wu", "approvals", true, "works", ["approver"], null, ["pwd"], ["https://approvals.city.example"], [], DateTimeOffset.MaxValue, null));

    private sealed class CountingDecisionPoint : IAuthorizationDecisionPoint
    {
        public int Asked { get; private set; }

        public long? Version { get; set; } = 1;

        public Func<AuthorizationQuestion, bool> Allow { get; set; } = _ => true;

        public DateTimeOffset? ValidUntil { get; set; }

        public Action? WhileDeciding { get; set; }

        public long? InputsVersion => Version;

        public Task<AuthorizationDecision> DecideAsync(AuthorizationQuestion question, CancellationToken cancellationToken)
        {
            Asked++;
            WhileDeciding?.Invoke();
            return Task.FromResult(new AuthorizationDecision(Allow(question), ["p"], [], ValidUntil: ValidUntil));
        }
    }
}
