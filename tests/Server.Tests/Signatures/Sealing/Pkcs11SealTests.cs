using System.Net;
using System.Text;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Signatures.Sealing;

/// <summary>With <c>Platform:KeyStore:Provider Pkcs11</c> a seal's key lives in the token (SoftHSM2) and signs from there.</summary>
public sealed class Pkcs11SealTests
{
    [Fact]
    public async Task Seal_OnPkcs11KeyStore_HasItsKeyInTheToken_AndSignsWhatOpenSslVerifies()
    {
        var hsm = SoftHsm.Require();
        var token = hsm.TakeToken();
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path, SoftHsm.PlatformArguments(token));
        var department = SealClient.NewDepartment();

        var seal = await SealClient.CreateSealAsync(server, department);
        using var user = server.HttpsClient(await PersonAsync(server, department, "seal-user"));
        var content = Encoding.UTF8.GetBytes("Sealed inside the token");
        var answer = await SealClient.JsonAsync(await SealClient.SignAsync(user, content, department, "B-T"), HttpStatusCode.OK);

        var listing = await hsm.Pkcs11ToolAsync("--token-label", token, "--list-objects", "--login", "--pin", SoftHsm.UserPin);
        Assert.True(listing.ExitCode == 0, listing.ToString());
        Assert.Contains("label:      seal-", listing.Output, StringComparison.Ordinal);
        using var directory = new TemporaryDirectory();
        Assert.Equal(content, await SealClient.OpenSslVerifyAsync(SealClient.Signature(answer), await SealClient.RootFileAsync(seal, directory.Path), null, directory.Path));
    }
}
