using Microsoft.Extensions.DependencyInjection;

namespace Signatures.Envelopes;

internal static class EnvelopeServices
{
    public static void Add(IServiceCollection services)
    {
    }
}
