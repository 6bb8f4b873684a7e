using Microsoft.AspNetCore.Routing;

namespace Signatures.Seals;

internal static class SealEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
    }
}
