using Identity.Clients;
using Microsoft.Extensions.Options;
using Platform.Hosting;

namespace Server.WebConsole;

/// <summary>Composes the web console into the platform host.</summary>
internal static class ConsoleServiceCollectionExtensions
{
    /// <summary>The console's files and listeners, and its registration as an application of the identity provider.</summary>
    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ConsoleAssets>();
        services.AddSingleton(sp => ConsoleListeners.From(
            configuration["urls"], sp.GetRequiredService<IOptions<PlatformOptions>>().Value.PublicBaseUrl, configuration["Identity:Issuer"]));
        services.AddSingleton(sp => ConsoleClient.For(sp.GetRequiredService<ConsoleListeners>()));
        return services;
    }
}
