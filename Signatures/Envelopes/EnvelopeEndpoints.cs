using Microsoft.AspNetCore.Routing;

namespace Signatures.Envelopes;

internal static class EnvelopeEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
    }
}
