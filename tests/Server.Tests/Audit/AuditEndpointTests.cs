using Audit.Checkpoints;
using Server.Tests.Hosting;
using System.Net;
using System.Text.Json;

namespace Server.Tests.Audit;

public sealed class AuditEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Theory]
    [InlineData("/audit/proof/inclusion?index=abc&size=2", "index-invalid")]
    [InlineData("/audit/proof/inclusion?index=-1&size=2", "index-invalid")]
    [InlineData("/audit/proof/inclusion?size=2", "index-invalid")]
    [InlineData("/audit/proof/inclusion?index=01&size=2", "index-invalid")]
    [InlineData("/audit/proof/inclusion?index=99999999999999999999999&size=2", "index-invalid")]
    [InlineData("/audit/proof/inclusion?index=0&size=x", "size-invalid")]
    [InlineData("/audit/proof/inclusion?index=0", "size-invalid")]
    [InlineData("/audit/proof/inclusion?index=2&size=2", "index-out-of-range")]
    [InlineData("/audit/proof/inclusion?index=0&size=0", "size-out-of-range")]
    [InlineData("/audit/proof/inclusion?index=0&size=9007199254740991", "size-out-of-range")]
    [InlineData("/audit/proof/consistency?from=x&to=2", "from-invalid")]
    [InlineData("/audit/proof/consistency?from=1&to=", "to-invalid")]
    [InlineData("/audit/proof/consistency?from=3&to=2", "sizes-invalid")]
    [InlineData("/audit/proof/consistency?from=0&to=2", "sizes-invalid")]
    [InlineData("/audit/proof/consistency?from=1&to=9007199254740991", "size-out-of-range")]
    public async Task Proofs_BadInput_Return400WithStableCode(string url, string code)
    {
        using var client = Server.HttpClient();
        using var response = await client.GetAsync(url);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Theory]
    [InlineData("?from=yesterday", "from-invalid")]
    [InlineData("?to=2026-13-45", "to-invalid")]
    [InlineData("?from=2026-11-27T00:00:00Z&to=2026-11-26T00:00:00Z", "time-range-invalid")]
    [InlineData("?limit=0", "limit-invalid")]
    [InlineData("?limit=1001", "limit-invalid")]
    [InlineData("?limit=99999999999999999999", "limit-invalid")]
    [InlineData("?limit=ten", "limit-invalid")]
    [InlineData("?cursor=abc", "cursor-invalid")]
    [InlineData("?cursor=-5", "cursor-invalid")]
    [InlineData("?outcome=maybe", "outcome-invalid")]
    public async Task Events_BadQuery_Return400WithStableCode(string query, string code)
    {
        using var admin = Server.AdminClient();
        using var response = await admin.GetAsync("/audit/events" + query);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task EventByIndex_BadOrUnknownIndex_Returns400Or404()
    {
        using var admin = Server.AdminClient();
        using var bad = await admin.GetAsync("/audit/events/-1");
        using var unknown = await admin.GetAsync("/audit/events/9007199254740990");

        await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, "index-invalid");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "event-unknown");
    }

    [Fact]
    public async Task Events_WithoutClientCertificate_Return401()
    {
        using var client = Server.HttpClient();
        using var response = await client.GetAsync("/audit/events");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Checkpoint_Get_VerifiesWithPublishedKeyAndProofsMatchIt()
    {
        using var admin = Server.AdminClient();
        using (await admin.PostAsync("/audit/checkpoint", null))
        {
        }

        using var client = Server.HttpClient();
        var key = NoteVerifierKey.Parse((await client.GetStringAsync("/audit/verifier-key")).Trim()).Value!;
        using var response = await client.GetAsync("/audit/checkpoint");
        var checkpoint = CheckpointVerifier.Verify(await response.Content.ReadAsByteArrayAsync(), key, key.Name);

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.True(checkpoint.IsSuccess, checkpoint.Error.ToString());
        Assert.Equal(Server.Http.Authority + "/audit", key.Name);
        var size = checkpoint.Value!.TreeSize;
        using var entry = JsonDocument.Parse(await admin.GetStringAsync($"/audit/events/{size - 1}"));
        var leaf = Convert.FromBase64String(entry.RootElement.GetProperty("leafHash").GetString()!);
        using var proof = JsonDocument.Parse(await client.GetStringAsync($"/audit/proof/inclusion?index={size - 1}&size={size}"));
        var path = proof.RootElement.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
        Assert.True(global::Audit.Merkle.ProofVerifier.VerifyInclusion(
            new global::Audit.Merkle.InclusionProof(size - 1, size, path), leaf, checkpoint.Value.RootHash.Span).IsValid);
    }

    [Fact]
    public async Task PublishCheckpoint_AsAuditor_Returns403()
    {
        using var auditor = Server.HttpsClient(await AuditorCertificates.IssueAsync(Server));
        using var response = await auditor.PostAsync("/audit/checkpoint", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
