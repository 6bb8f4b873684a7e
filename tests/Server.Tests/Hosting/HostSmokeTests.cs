using System.Net;
using TestSupport;

namespace Server.Tests.Hosting;

public sealed class HostSmokeTests
{
    [Fact]
    public async Task Start_EmptyDataDirectory_WritesBootstrapFilesAndServes()
    {
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path);

        foreach (var file in new[] { "root-ca.pem", "issuing-ca.pem", "ca-chain.pem", "admin.pem", "admin.key" })
        {
            Assert.True(File.Exists(server.DataFile(file)), file);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(server.DataFile("admin.key")));
        using var http = server.HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        using var admin = server.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/pki/certificates")).StatusCode);
    }
}
