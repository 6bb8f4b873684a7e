using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Ocsp;
using Server.Tests.Hosting;
using Server.Tests.Tsa;
using System.Text.Json;

namespace Server.Tests.Bodies;

/// <summary>An endpoint that reads a body, how to reach it, and how it must refuse a bad one.</summary>
public sealed record BodyEndpoint(string Method, string Path, string ContentType, bool Admin, BodyEndpoint.Format Answers)
{
    public enum Format
    {
        /// <summary>RFC 7807 problem details with the catalogued code and its status.</summary>
        Problem,

        /// <summary>RFC 3161: HTTP 200, a TimeStampResp rejection with badDataFormat.</summary>
        TimeStampResp,

        /// <summary>RFC 6960: HTTP 200, OCSP malformedRequest.</summary>
        Ocsp,
    }

    public static readonly IReadOnlyDictionary<string, BodyEndpoint> All = new Dictionary<string, BodyEndpoint>
    {
        ["tsa"] = new("POST", "/tsa", "application/timestamp-query", false, Format.TimeStampResp),
        ["ocsp"] = new("POST", "/pki/ocsp", "application/ocsp-request", false, Format.Ocsp),
        ["issue"] = new("POST", "/pki/certificates", "application/json", true, Format.Problem),
        ["is-authorized"] = new("POST", "/authz/is-authorized", "application/json", true, Format.Problem),
        ["policies"] = new("PUT", "/authz/policies", "text/plain", true, Format.Problem),
        ["attribute-certificate"] = new("POST", "/pmi/attribute-certificates", "application/json", true, Format.Problem),
    };

    public Task<RawHttpConnection> ConnectAsync(PlatformServer server) =>
        Admin ? RawHttpConnection.AdminAsync(server) : RawHttpConnection.PlainAsync(server);

    public string Head(long? length) =>
        $"{Method} {Path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {ContentType}\r\n" +
        (length is { } l ? $"Content-Length: {l}\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";

    /// <summary>Asserts that an answer came, is no 500, and refuses the body as this endpoint's format does.</summary>
    public void AssertRefused(RawAnswer? answer, string code)
    {
        Assert.True(answer is not null, $"{Path}: no answer arrived");
        Assert.True(answer.Status != 500, $"{Path}: 500 {answer.Text}");
        Assert.True(answer.ContentType is not null, $"{Path}: {answer.Status} {string.Join(", ", answer.Headers.Select(h => h.Key + "=" + h.Value))} [{answer.Text}]");
        switch (Answers)
        {
            case Format.Problem:
                Assert.Equal("application/problem+json", answer.ContentType?.Split(';')[0]);
                using (var document = JsonDocument.Parse(answer.Body))
                {
                    Assert.True(code == document.RootElement.GetProperty("code").GetString(), $"{Path}: {answer.Status} {answer.Text}");
                    Assert.Equal(Platform.Http.ProblemCodes.All.Single(c => c.Value == code).Status, answer.Status);
                }

                break;
            case Format.TimeStampResp:
                Assert.Equal(200, answer.Status);
                Assert.Equal("application/timestamp-reply", answer.ContentType);
                TsaClient.AssertRejected(answer.Body, PkiFailureInfo.BadDataFormat);
                break;
            case Format.Ocsp:
                Assert.Equal(200, answer.Status);
                Assert.Equal("application/ocsp-response", answer.ContentType);
                Assert.Equal(OcspRespStatus.MalformedRequest, new OcspResp(answer.Body).Status);
                break;
        }
    }
}
