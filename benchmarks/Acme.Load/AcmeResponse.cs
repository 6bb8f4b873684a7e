using System.Net;
using System.Text.Json;

namespace Acme.Load;

/// <summary>What the server answered to one ACME request.</summary>
internal sealed record AcmeResponse(HttpStatusCode Status, string? Location, TimeSpan? RetryAfter, byte[] Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public Problem? Problem()
    {
        try
        {
            return Body.Length == 0 ? null : JsonSerializer.Deserialize(Body, AcmeJsonContext.Default.Problem);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
