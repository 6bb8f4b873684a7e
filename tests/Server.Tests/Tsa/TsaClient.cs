using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Tsp;
using System.Net;
using System.Net.Http.Headers;

namespace Server.Tests.Tsa;

/// <summary>Posts TimeStampReqs and reads the PKIStatusInfo of the answers.</summary>
public static class TsaClient
{
    public static async Task<byte[]> PostAsync(HttpClient client, byte[] body, string contentType = "application/timestamp-query")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.PostAsync("/tsa", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/timestamp-reply", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Asserts a rejection carrying exactly the failure bit <paramref name="failInfo"/>.</summary>
    public static void AssertRejected(byte[] response, int failInfo)
    {
        var parsed = TimeStampResp.GetInstance(Asn1Object.FromByteArray(response));
        Assert.Equal((int)PkiStatus.Rejection, parsed.Status.Status.IntValueExact);
        Assert.Null(parsed.TimeStampToken);
        Assert.Equal(failInfo, parsed.Status.FailInfo.IntValue);
    }
}
