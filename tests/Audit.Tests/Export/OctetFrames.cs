using System.Text;

namespace Audit.Tests.Export;

/// <summary>Reads syslog messages framed by octet counting (RFC 6587 §3.4.1: "LENGTH SP MESSAGE"), as a collector does.</summary>
internal static class OctetFrames
{
    public static async Task<List<string>> ReadAsync(Stream stream, int count)
    {
        var frames = new List<string>();
        while (frames.Count < count)
        {
            var length = 0;
            int b;
            while ((b = stream.ReadByte()) != ' ')
            {
                Assert.InRange(b, '0', '9');
                length = (length * 10) + (b - '0');
            }

            var message = new byte[length];
            await stream.ReadExactlyAsync(message);
            frames.Add(Encoding.UTF8.GetString(message));
        }

        return frames;
    }
}
