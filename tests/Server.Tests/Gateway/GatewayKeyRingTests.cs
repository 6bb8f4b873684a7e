using Gateway.Signing;

namespace Server.Tests.Gateway;

/// <summary>The gateway's key ring over time: which key signs, which are published, and when that changes.</summary>
public sealed class GatewayKeyRingTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly GatewaySigningKey First = new("k1", "a1", Start.AddDays(730), Start);
    private static readonly GatewaySigningKey Second = new("k2", "b2", Start.AddDays(1430), Start.AddDays(700));

    [Fact]
    public void NextKey_IsPublishedAfterTheSigningOne_BeforeItSigns()
    {
        var ring = new GatewayKeyRing([Second, First]);
        var beforeSwitch = Second.Activates.AddSeconds(-1);

        Assert.Equal(First, ring.Current(beforeSwitch));
        Assert.Equal(Second, ring.Next(beforeSwitch));
        Assert.Equal([First, Second], ring.Published(beforeSwitch));
        Assert.Equal(Second.Activates, ring.NextChange(beforeSwitch));
    }

    [Fact]
    public void ReplacedKey_StaysPublishedForTheRetention_ThenIsDropped()
    {
        var ring = new GatewayKeyRing([First, Second]);
        var justAfter = Second.Activates.AddSeconds(1);
        var afterRetention = Second.Activates + GatewayKeyRing.Retention;

        Assert.Equal(Second, ring.Current(justAfter));
        Assert.Null(ring.Next(justAfter));
        Assert.Equal(GatewayKeyStatus.Retired, ring.StatusOf(First, justAfter));
        Assert.Equal([Second, First], ring.Published(justAfter));
        Assert.Equal(afterRetention, ring.NextChange(justAfter));
        Assert.Equal(GatewayKeyStatus.Dropped, ring.StatusOf(First, afterRetention));
        Assert.Equal([Second], ring.Published(afterRetention));
        Assert.Null(ring.NextChange(afterRetention));
    }

    [Fact]
    public void FirstKey_SignsEvenOnANodeWhoseClockIsBehind()
    {
        var ring = new GatewayKeyRing([First]);

        Assert.Equal(First, ring.Current(Start.AddMinutes(-5)));
        Assert.Equal([First], ring.Published(Start.AddMinutes(-5)));
    }

    [Fact]
    public void StoredRing_ReadsBackTheSame_AndAnythingElseIsRefusedNamingTheSetting()
    {
        var ring = new GatewayKeyRing([First, Second]);

        Assert.Equal(ring.Keys, GatewayKeyRing.FromJson(ring.ToJson()).Keys);
        var refused = Assert.Throws<InvalidOperationException>(() => GatewayKeyRing.FromJson("{\"keys\": 1}"));
        Assert.Contains(GatewayKeyRing.Setting, refused.Message, StringComparison.Ordinal);
    }
}
