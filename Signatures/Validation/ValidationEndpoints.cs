using Microsoft.AspNetCore.Routing;

namespace Signatures.Validation;

internal static class ValidationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
    }
}
