using System.Formats.Asn1;

namespace Audit.TimeStamps;

/// <summary>
/// The RFC 3161 TimeStampResp around a stored token, as a TSA would have answered it:
/// <c>SEQUENCE { PKIStatusInfo { status granted(0) }, timeStampToken }</c>, so that tools reading
/// replies (<c>openssl ts -reply</c>, <c>-verify -in</c>) take it as they take one from <c>POST /tsa</c>.
/// </summary>
internal static class TimeStampReply
{
    /// <summary>The media type of RFC 3161 §3.4.</summary>
    public const string MediaType = "application/timestamp-reply";

    /// <summary>A granted TimeStampResp carrying <paramref name="token"/> (DER ContentInfo) unchanged.</summary>
    public static byte[] Granted(byte[] token)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
            }

            writer.WriteEncodedValue(token);
        }

        return writer.Encode();
    }
}
