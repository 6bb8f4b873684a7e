using Org.BouncyCastle.Asn1.Cmp;
using System.Net;
using System.Text.Json;

namespace Server.Tests.Tsa;

/// <summary>
/// TimeStampReqs that are well-formed DER but carry values a parser's integer conversions choke
/// on (versions beyond 32 bits, negative numbers, malformed INTEGERs and BOOLEANs): each is a
/// TimeStampResp rejection through the real host, HTTP 200, never a 500, and audited as a
/// failure like any other rejection.
/// </summary>
public sealed class TsaMalformedRequestTests(TsaFixture fixture) : IClassFixture<TsaFixture>
{
    private static readonly byte[] Imprint = Der(0x30,
        Der(0x30, [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00]),
        Der(0x04, new byte[32]));

    private static readonly byte[] Nonce = [0x02, 0x08, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88];
    private static readonly byte[] CertReq = [0x01, 0x01, 0xFF];

    /// <summary>Body, and the PKIFailureInfo bit the rejection must carry.</summary>
    public static TheoryData<string, byte[], int> Requests => new()
    {
        { "version 2^31", Request([0x02, 0x05, 0x00, 0x80, 0x00, 0x00, 0x00], Imprint, Nonce), PkiFailureInfo.BadRequest },
        { "version 2^32 + 1", Request([0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x01], Imprint), PkiFailureInfo.BadRequest },
        { "version 2^64", Request([0x02, 0x09, 0x01, 0, 0, 0, 0, 0, 0, 0, 0], Imprint), PkiFailureInfo.BadRequest },
        { "version of 100 octets", Request([0x02, 0x64, 0x7F, .. new byte[99]], Imprint), PkiFailureInfo.BadRequest },
        { "version -1", Request([0x02, 0x01, 0xFF], Imprint), PkiFailureInfo.BadRequest },
        { "version -2^31 - 1", Request([0x02, 0x05, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF], Imprint), PkiFailureInfo.BadRequest },
        { "version 0", Request([0x02, 0x01, 0x00], Imprint), PkiFailureInfo.BadRequest },
        { "version 2", Request([0x02, 0x01, 0x02], Imprint, Nonce, CertReq), PkiFailureInfo.BadRequest },
        { "version 257", Request([0x02, 0x02, 0x01, 0x01], Imprint), PkiFailureInfo.BadRequest },
        { "negative nonce", Request([0x02, 0x01, 0x01], Imprint, [0x02, 0x02, 0x80, 0x01]), PkiFailureInfo.BadRequest },
        { "nonce of 2^31 as the only octets", Request([0x02, 0x01, 0x01], Imprint, [0x02, 0x05, 0x00, 0x80, 0x00, 0x00, 0x00], CertReq), 0 },
        { "empty version INTEGER", Request([0x02, 0x00], Imprint), PkiFailureInfo.BadDataFormat },
        { "version not minimally encoded", Request([0x02, 0x02, 0x00, 0x01], Imprint), PkiFailureInfo.BadDataFormat },
        { "empty nonce INTEGER", Request([0x02, 0x01, 0x01], Imprint, [0x02, 0x00]), PkiFailureInfo.BadDataFormat },
        { "nonce not minimally encoded", Request([0x02, 0x01, 0x01], Imprint, [0x02, 0x03, 0x00, 0x00, 0x01]), PkiFailureInfo.BadDataFormat },
        { "version as a BOOLEAN", Request([0x01, 0x01, 0xFF], Imprint), PkiFailureInfo.BadDataFormat },
        { "certReq as an INTEGER", Request([0x02, 0x01, 0x01], Imprint, [0x02, 0x01, 0x01, 0x02, 0x01, 0x01]), PkiFailureInfo.BadDataFormat },
        { "certReq of two octets", Request([0x02, 0x01, 0x01], Imprint, [0x01, 0x02, 0xFF, 0xFF]), PkiFailureInfo.BadDataFormat },
        { "no imprint", Request([0x02, 0x01, 0x01]), PkiFailureInfo.BadDataFormat },
        { "imprint digest as an INTEGER", Request([0x02, 0x01, 0x01], Der(0x30, Der(0x30, [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]), Der(0x02, [0x01]))), PkiFailureInfo.BadDataFormat },
        { "trailing element", Request([0x02, 0x01, 0x01], Imprint, Nonce, CertReq, [0x02, 0x01, 0x05]), PkiFailureInfo.BadDataFormat },
        { "extension with a critical flag of 2^31", Request([0x02, 0x01, 0x01], Imprint, Der(0xA0, Der(0x30, [0x06, 0x03, 0x2A, 0x03, 0x04], [0x02, 0x05, 0x00, 0x80, 0x00, 0x00, 0x00], Der(0x04, [1])))), PkiFailureInfo.BadDataFormat },
        { "not a SEQUENCE", Der(0x31, [0x02, 0x01, 0x01], Imprint), PkiFailureInfo.BadDataFormat },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task MalformedValue_IsRejectedInTheProtocolAndAudited(string what, byte[] body, int failInfo)
    {
        using var admin = fixture.Server.AdminClient();
        var failure = failInfo == PkiFailureInfo.BadRequest ? "badRequest" : "badDataFormat";
        var before = failInfo == 0 ? 0 : await CountAsync(admin, failure);

        var reply = await TsaClient.PostAsync(fixture.Server.HttpClient(), body);

        if (failInfo == 0)
        {
            // A nonce is a number of any size up to the limit, not a 32-bit one: granted.
            Assert.Equal(0, new Org.BouncyCastle.Tsp.TimeStampResponse(reply).Status);
            return;
        }

        TsaClient.AssertRejected(reply, failInfo);
        Assert.True(await CountAsync(admin, failure) == before + 1, $"{what}: one more audited {failure} rejection");
    }

    /// <summary>The audited TSA rejections with this PKIFailureInfo name (tests of one class run one at a time).</summary>
    private static async Task<int> CountAsync(HttpClient admin, string failure)
    {
        using var response = await admin.GetAsync("/audit/events?module=pki.tsa&action=timestamp.issue&outcome=failure&limit=1000");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("events").EnumerateArray()
            .Count(e => e.GetProperty("details").TryGetProperty("failure", out var f) && f.GetString() == failure);
    }

    private static byte[] Request(params byte[][] fields) => Der(0x30, fields);

    /// <summary>One DER element with a definite length; the contents are taken as given, however wrong.</summary>
    private static byte[] Der(byte tag, params byte[][] contents)
    {
        var content = contents.SelectMany(c => c).ToArray();
        byte[] length = content.Length switch
        {
            < 0x80 => [(byte)content.Length],
            < 0x100 => [0x81, (byte)content.Length],
            _ => [0x82, (byte)(content.Length >> 8), (byte)content.Length],
        };
        return [tag, .. length, .. content];
    }
}
