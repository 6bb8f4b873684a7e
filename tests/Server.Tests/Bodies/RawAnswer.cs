using System.Text;

namespace Server.Tests.Bodies;

/// <summary>One HTTP/1.1 answer as it came off the wire: status, headers, and the body (de-chunked).</summary>
public sealed record RawAnswer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? ContentType => Headers.TryGetValue("content-type", out var value) ? value : null;

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>Parses what the server sent before closing; null when it sent no complete head.</summary>
    public static RawAnswer? Parse(byte[] received)
    {
        var text = Encoding.Latin1.GetString(received);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = received.AsSpan(end + 4).ToArray();
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }
        else if (headers.TryGetValue("content-length", out var length))
        {
            body = body[..Math.Min(body.Length, int.Parse(length, System.Globalization.CultureInfo.InvariantCulture))];
        }

        return new RawAnswer(status, headers, body);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        var output = new List<byte>();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = Array.IndexOf(chunked, (byte)'\n', position);
            if (lineEnd < 0)
            {
                break;
            }

            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, position, lineEnd - position).Trim().Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }

            output.AddRange(chunked.AsSpan(lineEnd + 1, Math.Min(size, chunked.Length - lineEnd - 1)).ToArray());
            position = lineEnd + 1 + size + 2;
        }

        return [.. output];
    }
}
