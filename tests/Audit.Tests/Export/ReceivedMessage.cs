using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Audit.Tests.Export;

/// <summary>One message as a collector parsed it and wrote it out: "MSGID STRUCTURED-DATA MSG".</summary>
internal sealed partial record ReceivedMessage(string MessageId, string StructuredData, string Body)
{
    public long Index => long.Parse(IndexPattern().Match(StructuredData).Groups[1].Value, CultureInfo.InvariantCulture);

    public string LeafHash => LeafHashPattern().Match(StructuredData).Groups[1].Value;

    public static ReceivedMessage Parse(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var end = line.IndexOf("] ", space, StringComparison.Ordinal);
        Assert.True(space > 0 && end > space, $"not \"MSGID [SD] MSG\": {line}");
        // RFC 5424 §6.4: MSG starts with the UTF-8 byte-order mark; a collector may keep or drop it.
        return new ReceivedMessage(line[..space], line[(space + 1)..(end + 1)], line[(end + 2)..].TrimStart('\uFEFF'));
    }

    public JsonDocument Json() => JsonDocument.Parse(Body);

    [GeneratedRegex("index=\"([0-9]+)\"")]
    private static partial Regex IndexPattern();

    [GeneratedRegex("leafHash=\"([A-Za-z0-9+/=]+)\"")]
    private static partial Regex LeafHashPattern();
}
