using Microsoft.Extensions.DependencyInjection;

namespace Signatures.Validation;

internal static class ValidationServices
{
    public static void Add(IServiceCollection services)
    {
    }
}
