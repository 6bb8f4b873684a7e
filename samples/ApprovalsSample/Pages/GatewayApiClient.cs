using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ApprovalsSample.Api;
using ApprovalsSample.Approvals;

namespace ApprovalsSample.Pages;

/// <summary>
/// The pages' client of the application's own API, through the gateway only, with the signed-in
/// person's access token. It decides nothing: it reports what the gateway answered.
/// </summary>
internal sealed class GatewayApiClient(HttpClient http, ILogger<GatewayApiClient> logger)
{
    public Task<GatewayAnswer<Approval[]>> ListAsync(string accessToken, CancellationToken cancellationToken) =>
        SendAsync<Approval[]>(HttpMethod.Get, ApprovalsApi.ListPath.TrimStart('/'), accessToken, cancellationToken);

    public Task<GatewayAnswer<Approval>> ApproveAsync(string accessToken, string id, CancellationToken cancellationToken) =>
        SendAsync<Approval>(HttpMethod.Post, ApprovalsApi.ApprovePath.TrimStart('/').Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal),
            accessToken, cancellationToken);

    private async Task<GatewayAnswer<T>> SendAsync<T>(HttpMethod method, string path, string accessToken, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var status = await StatusAsync(response, cancellationToken);
            if (status == GatewayStatus.Failed)
            {
                Log.GatewayFailed(logger, method.Method, path, (int)response.StatusCode);
            }

            return status == GatewayStatus.Ok
                ? new GatewayAnswer<T>(status, await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken))
                : new GatewayAnswer<T>(status, null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.GatewayUnreachable(logger, method.Method, path, e);
            return new GatewayAnswer<T>(GatewayStatus.Failed, null);
        }
    }

    private static async Task<GatewayStatus> StatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                return GatewayStatus.Ok;
            case HttpStatusCode.Forbidden:
                return GatewayStatus.NotAllowed;
            case HttpStatusCode.Unauthorized:
                // Only the gateway's own challenge means the token is not (or no longer) good; the API's 401
                // (no valid gateway signature) would not be cured by signing in again.
                return response.Headers.WwwAuthenticate.Any(c => c.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
                    ? GatewayStatus.SignInAgain
                    : GatewayStatus.Failed;
            case HttpStatusCode.NotFound or HttpStatusCode.Conflict:
                return await ProblemCodeAsync(response, cancellationToken) switch
                {
                    ApiProblems.ApprovalUnknown => GatewayStatus.Unknown,
                    ApiProblems.ApprovalNotPending => GatewayStatus.NotPending,
                    _ => GatewayStatus.Failed,
                };
            default:
                return GatewayStatus.Failed;
        }
    }

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        using var problem = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;
    }
}
