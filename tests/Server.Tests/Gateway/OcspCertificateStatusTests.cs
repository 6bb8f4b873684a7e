using Gateway.Remote;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using System.Security.Cryptography.X509Certificates;
using Platform.Certificates;
using Server.Tests.Authorization;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Server.Tests.Gateway;

/// <summary>
/// The certificate status of a gateway on its own, from the platform's OCSP responder: an answer
/// counts only while fresh, so a responder that falls silent, or an answer nobody refreshed, ends
/// in refusal (unknown) rather than in an old "good"; a responder that cannot be reached gives no status.
/// </summary>
public sealed class OcspCertificateStatusTests(StandaloneGatewayFixture fixture) : IClassFixture<StandaloneGatewayFixture>
{
    [Fact]
    public async Task AGoodAnswer_CountsOnlyWhileFresh_ThenIsAskedAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var platform = Connection(fixture.Platform.Https);
        var statuses = new OcspCertificateStatus(platform, time, NullLogger<OcspCertificateStatus>.Instance);
        var (certificate, issuer) = await CertificateAsync();
        var serial = certificate.SerialNumber.ToString(16);

        Assert.Equal(CertificateHolderStatus.Good, await statuses.TrackAsync(certificate, issuer, CancellationToken.None));
        // Not refreshed (the refresh loop is not running here) past 3 periods of 1 s plus the 5 s timeout.
        time.Advance(TimeSpan.FromSeconds(9));
        var stale = statuses.StatusOf(serial);
        await statuses.TrackAsync([serial]);

        Assert.Equal(CertificateHolderStatus.Unknown, stale);
        Assert.Equal(CertificateHolderStatus.Good, statuses.StatusOf(serial));
    }

    [Fact]
    public async Task AResponderThatCannotBeReached_GivesNoStatus()
    {
        using var platform = Connection(GatewayFixture.DownAddress());
        var statuses = new OcspCertificateStatus(platform, TimeProvider.System, NullLogger<OcspCertificateStatus>.Instance);
        var (certificate, issuer) = await CertificateAsync();

        Assert.Equal(CertificateHolderStatus.Unknown, await statuses.TrackAsync(certificate, issuer, CancellationToken.None));
    }

    private PlatformConnection Connection(Uri url) => new(Options.Create(new PlatformConnectionOptions
    {
        Url = url,
        TrustedCaFile = fixture.Platform.DataFile("ca-chain.pem"),
        StatusRefreshSeconds = 1,
        TimeoutSeconds = 5,
    }));

    private async Task<(BcCertificate Certificate, BcCertificate Issuer)> CertificateAsync()
    {
        using var issued = await AuthzClient.ClientCertificateAsync(fixture.Platform, $"CN=status-{Guid.NewGuid():n},O=City");
        using var issuer = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(fixture.Platform.DataFile("issuing-ca.pem")));
        return (new BcCertificate(issued.RawData), new BcCertificate(issuer.RawData));
    }
}
