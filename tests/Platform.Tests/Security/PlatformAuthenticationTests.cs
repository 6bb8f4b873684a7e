using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Security;

namespace Platform.Tests.Security;

/// <summary>Which scheme the platform's default authentication forwards a request to.</summary>
public sealed class PlatformAuthenticationTests
{
    [Fact]
    public void BearerRequest_GoesToTheBearerScheme_UnlessItsEndpointAuthenticatesItself()
    {
        var services = new ServiceCollection().Configure<PlatformAuthenticationOptions>(o => o.BearerTokens = true).BuildServiceProvider();

        var api = Request(services, new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "api"));
        var gateway = Request(services, new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(AuthenticatesItself.Instance), "gateway"));

        Assert.Equal(PlatformAuthentication.BearerScheme, PlatformAuthentication.Select(api));
        Assert.Equal(PlatformAuthentication.CertificateScheme, PlatformAuthentication.Select(gateway));
    }

    private static DefaultHttpContext Request(IServiceProvider services, Endpoint endpoint)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Headers.Authorization = "Bearer eyJ.a.token";
        context.SetEndpoint(endpoint);
        return context;
    }
}
