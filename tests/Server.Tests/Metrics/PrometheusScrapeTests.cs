using Org.BouncyCastle.Tsp;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using Server.Tests.Identity;
using Server.Tests.Revocation;
using Server.Tests.Tsa;
using System.Net;
using System.Net.Http.Json;
using TestSupport;

namespace Server.Tests.Metrics;

/// <summary>
/// The real host does what operators watch (issues, revokes, answers OCSP, stamps, decides, signs
/// a person in), and Debian's prometheus, scraping its <c>/metrics</c> every second, answers
/// PromQL queries with the domain series, their labels and values, under the service name.
/// </summary>
[Collection(nameof(MetricsCollection))]
public sealed class PrometheusScrapeTests
{
    private const string Schema = """
        entity User;
        entity Case;
        action view appliesTo { principal: User, resource: Case };
        """;

    private const string Entities = """
        [{"uid": {"type": "User", "id": "alice"}, "attrs": {}, "parents": []},
         {"uid": {"type": "User", "id": "bob"}, "attrs": {}, "parents": []},
         {"uid": {"type": "Case", "id": "c1"}, "attrs": {}, "parents": []}]
        """;

    [Fact]
    public async Task Scrape_DomainSeries_ReachPrometheusWithServiceNameAndLabels()
    {
        ExternalTool.Require("prometheus");
        using var ntp = new FakeNtpServer { Offset = TimeSpan.FromMilliseconds(200) };
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path,
            "--Tsa:Clock:NtpServers:0", $"127.0.0.1:{ntp.Port}",
            "--Tsa:Clock:CheckIntervalSeconds", "1",
            "--Tsa:AccuracyMilliseconds", "1000",
            "--Audit:CheckpointIntervalSeconds", "1");
        await using var prometheus = await PrometheusServer.StartAsync(server.Http.Authority);
        using var http = server.HttpClient();
        using var admin = server.AdminClient();

        // Two certificates of a profile the bootstrap does not use; one revoked.
        var kept = await server.IssueAsync(TestCsrs.Ecdsa("CN=metrics-kept"), "tls-client");
        var revoked = await server.IssueAsync(TestCsrs.Ecdsa("CN=metrics-revoked"), "tls-client");
        (await admin.PostAsJsonAsync($"/pki/certificates/{revoked.SerialNumber}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();

        // OCSP: signed now, then the same nonce-less request from the cache; the revoked one signed now.
        var ocspBefore = await MetricsText.ReadAsync(http);
        var askKept = RevocationQueries.OcspRequest(server, kept.SerialNumber);
        await RevocationQueries.AskAsync(server, askKept);
        await RevocationQueries.AskAsync(server, askKept);
        await RevocationQueries.AskAsync(server, RevocationQueries.OcspRequest(server, revoked.SerialNumber));

        // A person signs in with a password.
        var (clientId, login) = await CodeFlowTests.SetUpAsync(server);
        using (var browser = server.HttpsClient(followRedirects: false))
        using (var signedIn = await CodeFlowTests.PostLoginAsync(browser, clientId, login, CodeFlowTests.Verifier()))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        // Other modules stamp and decide in process too (audit checkpoints): the test's own share is what it adds.
        var before = await MetricsText.ReadAsync(http);
        await TsaClient.PostAsync(http, new TimeStampRequestGenerator().Generate(TspAlgorithms.Sha256, new byte[32]).GetEncoded());
        TsaClient.AssertRejected(await TsaClient.PostAsync(http, new TimeStampRequestGenerator().Generate(TspAlgorithms.Sha1, new byte[20]).GetEncoded()),
            Org.BouncyCastle.Asn1.Cmp.PkiFailureInfo.BadAlg);
        await AuthzClient.ResetAsync(admin, Schema, """@id("alice-views") permit(principal == User::"alice", action == Action::"view", resource);""");
        var decisionsBefore = await MetricsText.ReadAsync(http);
        foreach (var who in new[] { "alice", "bob" })
        {
            await AuthzClient.EnsureAsync(await AuthzClient.IsAuthorizedAsync(admin,
                $$"""{"principal": {"type": "User", "id": "{{who}}"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Case", "id": "c1"}, "context": {}, "entities": {{Entities}}}"""));
        }

        // The exposition itself: Prometheus text with a # TYPE line per family.
        var text = await MetricsText.ReadAsync(http);
        Assert.Equal("counter", text.TypeOf("securityplatform_ca_certificates_issued_total"));
        Assert.Equal("counter", text.TypeOf("securityplatform_ca_ocsp_responses_total"));
        Assert.Equal("gauge", text.TypeOf("securityplatform_ca_crl_age_seconds"));
        Assert.Equal("gauge", text.TypeOf("securityplatform_tsa_clock_offset_seconds"));
        Assert.Equal("histogram", text.TypeOf("securityplatform_audit_append_duration_seconds"));
        Assert.Equal("histogram", text.TypeOf("securityplatform_authorization_decision_duration_seconds"));
        // The audit checkpoints' own tokens may come in between: at least the test's one.
        Assert.True(text.Sum("securityplatform_tsa_tokens_issued_total") - before.Sum("securityplatform_tsa_tokens_issued_total") >= 1);
        Assert.Equal(1, text.Sum("securityplatform_tsa_requests_refused_total", ("failure", "badAlg")) - before.Sum("securityplatform_tsa_requests_refused_total"));
        Assert.Equal(1, text.Sum("securityplatform_authorization_decisions_total", ("outcome", "allow"))
            - decisionsBefore.Sum("securityplatform_authorization_decisions_total", ("outcome", "allow")));
        Assert.Equal(1, text.Sum("securityplatform_authorization_decisions_total", ("outcome", "deny"))
            - decisionsBefore.Sum("securityplatform_authorization_decisions_total", ("outcome", "deny")));

        // What prometheus scraped. The resource: target_info carries the service name.
        var target = Assert.Single(await prometheus.QueryUntilAsync($"target_info{{job=\"{PrometheusServer.Job}\"}}", r => r.Count == 1));
        Assert.Equal("securityplatform", target.Labels["service_name"]);
        Assert.True(target.Labels.ContainsKey("service_instance_id"));
        Assert.True(target.Labels.ContainsKey("service_version"));

        var issued = await prometheus.QueryUntilAsync("securityplatform_ca_certificates_issued_total{profile=\"tls-client\"}",
            r => r.Count == 1 && r[0].Value == 2);
        Assert.Equal(("issuing", PrometheusServer.Job), (issued[0].Labels["ca"], issued[0].Labels["job"]));
        var revocations = await prometheus.QueryUntilAsync("securityplatform_ca_certificates_revoked_total", r => r.Count == 1 && r[0].Value == 1);
        Assert.Equal(("issuing", "tls-client", "keyCompromise"),
            (revocations[0].Labels["ca"], revocations[0].Labels["profile"], revocations[0].Labels["reason"]));

        // Each answer counted once, by its status and whether it was pre-signed.
        (string Status, string Cache)[] answered = [("good", "miss"), ("good", "hit"), ("revoked", "miss")];
        foreach (var (status, cache) in answered)
        {
            Assert.True(1 == text.Sum("securityplatform_ca_ocsp_responses_total", ("status", status), ("cache", cache))
                - ocspBefore.Sum("securityplatform_ca_ocsp_responses_total", ("status", status), ("cache", cache)), $"{status}/{cache}:\n{ocspBefore.Text}\n{text.Text}");
            var expected = text.Sum("securityplatform_ca_ocsp_responses_total", ("status", status), ("cache", cache));
            await prometheus.QueryUntilAsync($"securityplatform_ca_ocsp_responses_total{{status=\"{status}\",cache=\"{cache}\"}}",
                r => r.Count == 1 && r[0].Value == expected);
        }

        var crlAge = Assert.Single(await prometheus.QueryUntilAsync("securityplatform_ca_crl_age_seconds{ca=\"issuing\"}", r => r.Count == 1));
        var crlValidity = Assert.Single(await prometheus.QueryAsync("securityplatform_ca_crl_validity_seconds{ca=\"issuing\"}"));
        Assert.InRange(crlAge.Value, 0, crlValidity.Value);

        var refusals = Assert.Single(await prometheus.QueryUntilAsync("securityplatform_tsa_requests_refused_total", r => r.Count == 1));
        Assert.Equal(("badAlg", 1d), (refusals.Labels["failure"], refusals.Value));
        Assert.NotEmpty(await prometheus.QueryUntilAsync("securityplatform_tsa_tokens_issued_total", r => r.Count > 0 && r.Sum(s => s.Value) >= 1));
        // The fake time source is 200 ms ahead: the system clock is 200 ms behind it.
        var offset = Assert.Single(await prometheus.QueryUntilAsync("securityplatform_tsa_clock_offset_seconds", r => r.Count == 1));
        Assert.InRange(offset.Value, -0.35, -0.05);
        Assert.Equal(1, Assert.Single(await prometheus.QueryAsync("securityplatform_tsa_clock_available")).Value);

        var signIns = Assert.Single(await prometheus.QueryUntilAsync("securityplatform_identity_sign_ins_total", r => r.Count == 1));
        Assert.Equal(("pwd", "success", "success", 1d), (signIns.Labels["method"], signIns.Labels["outcome"], signIns.Labels["reason"], signIns.Value));

        await prometheus.QueryUntilAsync("securityplatform_authorization_decisions_total{outcome=~\"allow|deny\"}", r => r.Count == 2);
        Assert.NotEmpty(await prometheus.QueryAsync("securityplatform_authorization_decision_duration_seconds_count{outcome=\"allow\"} >= 1"));

        var size = Assert.Single(await prometheus.QueryUntilAsync("securityplatform_audit_log_size", r => r.Count == 1 && r[0].Value > 0));
        var checkpoint = Assert.Single(await prometheus.QueryUntilAsync("securityplatform_audit_checkpoint_size", r => r.Count == 1 && r[0].Value > 0));
        Assert.True(checkpoint.Value <= size.Value);
        Assert.InRange(Assert.Single(await prometheus.QueryAsync("securityplatform_audit_checkpoint_age_seconds")).Value, 0, 60);
        Assert.True(Assert.Single(await prometheus.QueryAsync("securityplatform_audit_append_duration_seconds_count")).Value > 0);
    }
}
