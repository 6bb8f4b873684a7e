using System.Text.Json;

namespace Server.Tests.Signatures.Validation;

/// <summary>Assertions on validation reports as the endpoint answers them.</summary>
internal static class ReportAssert
{
    public static void Verdict((int Status, JsonElement Body) answer, string indication, string? subIndication = null)
    {
        Assert.True(answer.Status == 200, answer.Body.ToString());
        var body = answer.Body;
        var actualSub = body.TryGetProperty("subIndication", out var sub) ? sub.GetString() : null;
        Assert.True(body.GetProperty("indication").GetString() == indication && actualSub == subIndication, body.ToString());
    }

    public static JsonElement Check(JsonElement report, string name) =>
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
