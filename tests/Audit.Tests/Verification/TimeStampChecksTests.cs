using Audit.Verification;
using System.Text;

namespace Audit.Tests.Verification;

/// <summary>
/// The time claims of checkpoints' tokens: each valid token says when the log had its size, an
/// invalid one is a problem, and a larger checkpoint stamped earlier than a smaller one is a problem.
/// </summary>
public sealed class TimeStampChecksTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_ValidToken_SaysWhenTheLogHadThatSize()
    {
        var replay = new LogReplay();
        var checks = new TimeStampChecks(replay, new ScriptedVerifier());

        checks.Check(5, "note 5\n", Token(5, Noon));
        checks.Finish();

        var report = replay.Report();
        Assert.True(report.Verified);
        Assert.Contains("log size 5 existed at 2026-11-26T12:00:00.000Z (TSA Test TSA, token serial 5).", report.Notes);
    }

    [Fact]
    public void Check_TokenThatDoesNotVerify_IsAProblem()
    {
        var replay = new LogReplay();
        var checks = new TimeStampChecks(replay, new ScriptedVerifier());

        checks.Check(5, "another note\n", Token(5, Noon));
        checks.Finish();

        var problem = Assert.Single(replay.Report().Problems);
        Assert.Contains("log size 5: the time-stamp token does not verify: Imprint: FAILED", problem);
    }

    [Fact]
    public void Finish_LargerCheckpointStampedEarlier_IsAProblem()
    {
        var replay = new LogReplay();
        var checks = new TimeStampChecks(replay, new ScriptedVerifier());

        checks.Check(5, "note 5\n", Token(5, Noon));
        checks.Check(8, "note 8\n", Token(8, Noon.AddMinutes(-1)));
        checks.Finish();

        var problem = Assert.Single(replay.Report().Problems);
        Assert.Contains("log size 8 is time-stamped at 2026-11-26T11:59:00.000Z, earlier than the smaller log size 5", problem);
    }

    [Fact]
    public void Finish_TimesRisingOrEqualWithSize_AreNoProblem()
    {
        var replay = new LogReplay();
        var checks = new TimeStampChecks(replay, new ScriptedVerifier());

        checks.Check(8, "note 8\n", Token(8, Noon.AddMinutes(1)));
        checks.Check(5, "note 5\n", Token(5, Noon));
        checks.Check(6, "note 6\n", Token(6, Noon));
        checks.Finish();

        Assert.True(replay.Report().Verified);
    }

    [Fact]
    public void Check_NoTokenOrNoVerifier_IsNotedNotFailed()
    {
        var replay = new LogReplay();
        var withVerifier = new TimeStampChecks(replay, new ScriptedVerifier());
        withVerifier.Check(3, "note 3\n", token: null);
        withVerifier.Finish();
        var unverified = new TimeStampChecks(replay, verifier: null);
        unverified.Check(4, "note 4\n", Token(4, Noon));
        unverified.Finish();

        var report = replay.Report();
        Assert.True(report.Verified);
        Assert.Contains("log size 3: no time-stamp token.", report.Notes);
        Assert.Contains(report.Notes, n => n.StartsWith("1 time-stamp token(s) not checked", StringComparison.Ordinal));
    }

    // "Tokens" here are the stamped note and the time, for a verifier that checks exactly that.
    private static byte[] Token(long size, DateTimeOffset genTime) =>
        Encoding.UTF8.GetBytes($"note {size}\n|{genTime.ToUnixTimeMilliseconds()}|{size}");

    private sealed class ScriptedVerifier : ITimeStampTokenVerifier
    {
        public TimeStampCheck Verify(byte[] tokenOrResponse, byte[] stamped)
        {
            var parts = Encoding.UTF8.GetString(tokenOrResponse).Split('|');
            var genTime = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            return parts[0] == Encoding.UTF8.GetString(stamped)
                ? new TimeStampCheck(true, genTime, "Test TSA", parts[2], null)
                : new TimeStampCheck(false, genTime, "Test TSA", parts[2], "Imprint: FAILED, the SHA-256 imprint does not match the data");
        }
    }
}
