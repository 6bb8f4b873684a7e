using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using Server.Cli;
using Server.Tests.Hosting;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using TestSupport;

namespace Server.Tests.Pki;

/// <summary>The bootstrap administrator certificate: renewed by <c>pki renew-admin</c>, warned about before it expires.</summary>
public sealed class AdministratorRenewalTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task RenewAdmin_IssuesANewCertificateThatWorksForMtls_AndKeepsTheOld()
    {
        await using (await PlatformServer.StartAsync(data.Path))
        {
        }

        var oldPem = await File.ReadAllTextAsync(Path.Combine(data.Path, "admin.pem"));
        using var oldCertificate = X509Certificate2.CreateFromPem(oldPem);

        var status = await CommandLine.RunAsync(["pki", "renew-admin", "--Platform:DataDirectory", data.Path]);

        Assert.Equal(0, status);
        using var renewed = X509Certificate2.CreateFromPemFile(Path.Combine(data.Path, "admin.pem"), Path.Combine(data.Path, "admin.key"));
        Assert.NotEqual(oldCertificate.SerialNumber, renewed.SerialNumber);
        Assert.NotEqual(oldCertificate.PublicKey.EncodedKeyValue.RawData, renewed.PublicKey.EncodedKeyValue.RawData);
        var serial = renewed.SerialNumber.ToLowerInvariant().TrimStart('0');
        var oldSerial = oldCertificate.SerialNumber.ToLowerInvariant().TrimStart('0');
        Assert.Equal(oldPem, await File.ReadAllTextAsync(Path.Combine(data.Path, $"admin-{oldSerial}.pem")));
        Assert.True(File.Exists(Path.Combine(data.Path, $"admin-{oldSerial}.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data.Path, "admin.key")));

        await using var server = await PlatformServer.StartAsync(data.Path);
        using (var admin = server.AdminClient())
        using (var response = await admin.GetAsync($"/pki/certificates/{serial}"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the new certificate has the administrator role over mTLS
            Assert.Contains("\"profile\":\"administrator\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // An audited issuance like any other, in a log that still verifies.
        await using (var connection = new SqliteConnection($"Data Source={server.DataFile("audit.db")};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM entries WHERE CAST(entry AS TEXT) LIKE $serial AND CAST(entry AS TEXT) LIKE '%certificate.issue%'";
            command.Parameters.AddWithValue("$serial", $"%{serial}%");
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        }

        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path]));
    }

    [Fact]
    public async Task RenewAdmin_BadUsage_ExitsTwo()
    {
        Assert.Equal(2, await CommandLine.RunAsync(["pki", "renew"]));
        Assert.Equal(2, await CommandLine.RunAsync(["pki", "renew-admin", "--force"]));
    }

    [Fact]
    public async Task Start_ClockNearAdministratorExpiry_WarnsNamingTheCommand()
    {
        await using (await PlatformServer.StartAsync(data.Path))
        {
        }

        var logs = new LogCapture();
        await using var server = await PlatformServer.StartAsync(data.Path, builder =>
        {
            logs.Register(builder);
            builder.Services.AddSingleton<TimeProvider>(new AheadClock(TimeSpan.FromDays(350)));
        });

        var warning = Assert.Single(logs.Events, e => e.Message.Contains("administrator certificate", StringComparison.Ordinal)
            && e.Message.Contains("expires", StringComparison.Ordinal));
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Contains("pki renew-admin", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AdministratorFarFromExpiry_NoWarning()
    {
        var logs = new LogCapture();
        await using var server = await PlatformServer.StartAsync(data.Path, logs.Register);

        Assert.DoesNotContain(logs.Events, e => e.Message.Contains("pki renew-admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WarningWindowConfigured_WarnsEarlier()
    {
        var logs = new LogCapture();
        await using var server = await PlatformServer.StartAsync(data.Path, logs.Register, "--Pki:Administrator:ExpiryWarningDays", "365");

        Assert.Contains(logs.Events, e => e.Message.Contains("pki renew-admin", StringComparison.Ordinal));
    }
}
