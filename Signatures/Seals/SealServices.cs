using Microsoft.Extensions.DependencyInjection;

namespace Signatures.Seals;

internal static class SealServices
{
    public static void Add(IServiceCollection services)
    {
    }
}
