using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pki.Ca.Storage;
using Platform.Http;

namespace Pki.Ca.Acme;

/// <summary>
/// The ACME server (RFC 8555) under <c>/acme</c>, its renewal information (RFC 9773), and the
/// External Account Binding keys registration officers hand out at
/// <c>/pki/departments/{name}/acme-keys</c>. Every POST is a JWS the request reader checks; every
/// answer to one carries a fresh <c>Replay-Nonce</c> and the directory as <c>Link: rel="index"</c>;
/// every refusal is an ACME problem document. Thin: the work is in the services it calls.
/// </summary>
internal static class AcmeEndpoints
{
    private const string ProblemType = "application/problem+json";
    private const string JoseType = "application/jose+json";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // The JWS is the authentication: ASP.NET Core's schemes (the identity provider's looks at every request) are not asked.
        var acme = endpoints.MapGroup(AcmeUrls.Root).WithTags("ACME (RFC 8555)").AllowAnonymous().WithMetadata(Platform.Security.AuthenticatesItself.Instance);
        acme.MapMethods("/directory", ["GET", "HEAD"], Directory).WithName("AcmeDirectory").WithSummary("ACME directory");
        acme.MapMethods("/new-nonce", ["GET", "HEAD"], NewNonce).WithName("AcmeNewNonce").WithSummary("ACME: a fresh replay nonce");
        acme.MapGet("/renewal-info/{certificateId}", RenewalInfoAsync).WithName("AcmeRenewalInfo").WithSummary("ACME renewal information (RFC 9773)");
        acme.MapPost("/new-account", (Func<HttpContext, Task>)(c => SignedAsync(c, SignedBy.Jwk, NewAccountAsync))).WithName("AcmeNewAccount").WithSummary("ACME: create or find an account").DescribesBody<System.Text.Json.JsonElement>(JoseType);
        acme.MapPost("/account/{id}", (HttpContext c, string id) => SignedAsync(c, SignedBy.Account, r => AccountAsync(c, r, id))).WithName("AcmeAccount").WithSummary("ACME: read or update an account").DescribesBody<System.Text.Json.JsonElement>(JoseType);
        acme.MapPost("/account/{id}/orders", (HttpContext c, string id) => SignedAsync(c, SignedBy.Account, r => OrdersAsync(c, r, id))).WithName("AcmeAccountOrders").WithSummary("ACME: an account's orders").DescribesBody<System.Text.Json.JsonElement>(JoseType);
        acme.MapPost("/key-change", (Func<HttpContext, Task>)(c => SignedAsync(c, SignedBy.Account, KeyChangeAsync))).WithName("AcmeKeyChange").WithSummary("ACME: change an account key").DescribesBody<System.Text.Json.JsonElement>(JoseType);
        acme.MapPost("/new-order", (Func<HttpContext, Task>)(c => SignedAsync(c, SignedBy.Account, NewOrderAsync))).WithName("AcmeNewOrder").WithSummary("ACME: place an order").DescribesBody<System.Text.Json.JsonElement>(JoseType);
        acme.MapPost("/order/{id}", (HttpContext c, string id) => SignedAsync(c, SignedBy.Account, r => OrderAsync(c, r, id))).WithName("AcmeOrder").WithSummary("ACME: read an order").DescribesBody<System.Text.Json.JsonElement>(JoseType);
        acme.MapPost("/order/{id}/finalize", (HttpContext c, string id) => SignedAsync(c, SignedBy.Account, r => FinalizeAsync(c, r, id))).WithName("AcmeFinalize").WithSummary("ACME: finalize an order with a CSR").DescribesBody<System.Text.Json.JsonElement>(JoseType);
        acme.MapPost("/authz/{id}", (HttpContext c, string id) => SignedAsync(c, SignedBy.Account, r => AuthorizationAsync(c, r, id))).WithName("AcmeAuthorization").WithSummary("ACME: read an authorization").DescribesBody<System.Text.Json.JsonElement>(JoseType);
        acme.MapPost("/chall/{id}/{type}", (HttpContext c, string id, string type) => SignedAsync(c, SignedBy.Account, r => ChallengeAsync(c, r, id, type)))
            .WithName("AcmeChallenge").WithSummary("ACME: respond to a challenge").DescribesBody<System.Text.Json.JsonElement>(JoseType);
        acme.MapPost("/cert/{id}", (HttpContext c, string id) => SignedAsync(c, SignedBy.Account, r => CertificateAsync(c, r, id))).WithName("AcmeCertificate").WithSummary("ACME: download the issued certificate chain").DescribesBody<System.Text.Json.JsonElement>(JoseType);
        acme.MapPost("/revoke-cert", (Func<HttpContext, Task>)(c => SignedAsync(c, SignedBy.Either, r => Service<AcmeRevocations>(c).RevokeAsync(c, r)))).WithName("AcmeRevokeCertificate").WithSummary("ACME: revoke a certificate").DescribesBody<System.Text.Json.JsonElement>(JoseType);

        endpoints.MapPost("/pki/departments/{name}/acme-keys", ExternalAccountKeys.CreateAsync).WithName("CreateAcmeExternalAccountKey").WithSummary("Create an ACME external account binding key").WithTags("Registration")
            .RequireAuthorization().Produces<ExternalAccountKeyResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Directory(HttpContext context, Profiles.ProfileCatalog profiles, IOptions<CaOptions> options)
    {
        var urls = new AcmeUrls(context.Request);
        var acme = options.Value.Acme;
        // The profile of orders that name none; a department's account may name any its department uses.
        var offered = profiles.TryGet(acme.Profile, out var profile)
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [profile.Name] = profile.Description }
            : [];
        return Results.Json(new AcmeDirectory(urls.NewNonce, urls.NewAccount, urls.NewOrder, urls.RevokeCert, urls.KeyChange, urls.RenewalInfo,
            new AcmeDirectoryMeta(acme.ExternalAccountRequired, offered)), AcmeJsonContext.Default.AcmeDirectory);
    }

    /// <summary>RFC 8555 §7.2: 200 to HEAD, 204 to GET, with a nonce that no cache may keep.</summary>
    private static IResult NewNonce(HttpContext context, ReplayNonces nonces)
    {
        context.Response.Headers["Replay-Nonce"] = nonces.Next();
        context.Response.Headers.CacheControl = "no-store";
        Index(context);
        return HttpMethods.IsHead(context.Request.Method) ? Results.Ok() : Results.NoContent();
    }

    private static async Task RenewalInfoAsync(HttpContext context, string certificateId, ICaStore certificates, TimeProvider time)
    {
        var serial = RenewalInfo.Serial(certificateId);
        var record = serial is null ? null : await certificates.GetCertificateAsync(serial, context.RequestAborted);
        if (RenewalInfo.WindowOf(certificateId, record, time.GetUtcNow()) is not { } window)
        {
            await ProblemAsync(context, new AcmeRefusal(AcmeProblems.Malformed, serial is null
                ? "The path names no certificate: it is base64url(authority key identifier).base64url(serial number), RFC 9773 §4.1."
                : "No certificate of this server has that identifier.") { Status = serial is null ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound });
            return;
        }

        context.Response.Headers.RetryAfter = ((int)RenewalInfo.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(window, AcmeJsonContext.Default.AcmeRenewalInfo, cancellationToken: context.RequestAborted);
    }

    private static async Task NewAccountAsync(HttpContext context, AcmeRequest request)
    {
        var (account, created) = await Service<AcmeAccounts>(context).CreateAsync(context, request);
        var urls = new AcmeUrls(context.Request);
        context.Response.Headers.Location = urls.Account(account.Id);
        await JsonAsync(context, created ? StatusCodes.Status201Created : StatusCodes.Status200OK, AcmeResources.Account(account, urls), AcmeJsonContext.Default.AcmeAccountResource);
    }

    private static async Task AccountAsync(HttpContext context, AcmeRequest request, string id)
    {
        Owned(request, id);
        var account = await Service<AcmeAccounts>(context).UpdateAsync(context, request);
        await JsonAsync(context, StatusCodes.Status200OK, AcmeResources.Account(account, new AcmeUrls(context.Request)), AcmeJsonContext.Default.AcmeAccountResource);
    }

    /// <summary>RFC 8555 §7.1.2.1: the account's orders, 100 a page, the next page as <c>Link: rel="next"</c>.</summary>
    private static async Task OrdersAsync(HttpContext context, AcmeRequest request, string id)
    {
        const int page = 100;
        Owned(request, id);
        var urls = new AcmeUrls(context.Request);
        var cursor = context.Request.Query["cursor"].ToString() is { Length: > 0 and <= 64 } after ? after : null;
        var ids = await Service<IAcmeStore>(context).ListOrdersAsync(id, cursor, page + 1, context.RequestAborted);
        if (ids.Count > page)
        {
            context.Response.Headers.Append("Link", $"<{urls.Orders(id)}?cursor={ids[page - 1]}>;rel=\"next\"");
        }

        await JsonAsync(context, StatusCodes.Status200OK, new AcmeOrderList([.. ids.Take(page).Select(urls.Order)]), AcmeJsonContext.Default.AcmeOrderList);
    }

    private static async Task KeyChangeAsync(HttpContext context, AcmeRequest request)
    {
        var urls = new AcmeUrls(context.Request);
        var account = await Service<AcmeAccounts>(context).ChangeKeyAsync(context, request, urls);
        await JsonAsync(context, StatusCodes.Status200OK, AcmeResources.Account(account, urls), AcmeJsonContext.Default.AcmeAccountResource);
    }

    private static async Task NewOrderAsync(HttpContext context, AcmeRequest request)
    {
        var order = await Service<AcmeOrders>(context).CreateAsync(context, request);
        var urls = new AcmeUrls(context.Request);
        context.Response.Headers.Location = urls.Order(order.Id);
        await OrderResponseAsync(context, StatusCodes.Status201Created, order, urls);
    }

    private static async Task OrderAsync(HttpContext context, AcmeRequest request, string id)
    {
        var order = await Service<AcmeOrders>(context).GetAsync(context, request, id);
        await OrderResponseAsync(context, StatusCodes.Status200OK, order, new AcmeUrls(context.Request));
    }

    private static async Task FinalizeAsync(HttpContext context, AcmeRequest request, string id)
    {
        var order = await Service<AcmeOrders>(context).FinalizeAsync(context, request, id);
        var urls = new AcmeUrls(context.Request);
        context.Response.Headers.Location = urls.Order(order.Id);
        await OrderResponseAsync(context, StatusCodes.Status200OK, order, urls);
    }

    private static async Task AuthorizationAsync(HttpContext context, AcmeRequest request, string id)
    {
        var challenges = Service<AcmeChallenges>(context);
        var authorization = await challenges.UpdateAuthorizationAsync(context, request, id);
        var resource = AcmeResources.Authorization(authorization, new AcmeUrls(context.Request), Now(context), challenges.Validating(id));
        RetryWhilePending(context, resource.Status);
        await JsonAsync(context, StatusCodes.Status200OK, resource, AcmeJsonContext.Default.AcmeAuthorizationResource);
    }

    private static async Task ChallengeAsync(HttpContext context, AcmeRequest request, string id, string type)
    {
        var challenges = Service<AcmeChallenges>(context);
        var authorization = await challenges.RespondAsync(context, request, id, type);
        var urls = new AcmeUrls(context.Request);
        var resource = AcmeResources.Challenge(authorization, type, urls, challenges.Validating(id));
        context.Response.Headers.Append("Link", $"<{urls.Authorization(id)}>;rel=\"up\"");
        RetryWhilePending(context, resource.Status == "processing" ? "processing" : authorization.StatusAt(Now(context)));
        await JsonAsync(context, StatusCodes.Status200OK, resource, AcmeJsonContext.Default.AcmeChallengeResource);
    }

    private static async Task CertificateAsync(HttpContext context, AcmeRequest request, string id)
    {
        var chain = await Service<AcmeOrders>(context).ChainAsync(context, request, id);
        context.Response.ContentType = "application/pem-certificate-chain";
        await context.Response.WriteAsync(chain, context.RequestAborted);
    }

    private static Task OrderResponseAsync(HttpContext context, int status, AcmeOrder order, AcmeUrls urls)
    {
        var resource = AcmeResources.Order(order, urls, Now(context));
        RetryWhilePending(context, resource.Status);
        return JsonAsync(context, status, resource, AcmeJsonContext.Default.AcmeOrderResource);
    }

    /// <summary>
    /// Reads and checks the JWS, then runs <paramref name="handle"/>; answers a refusal from either
    /// as a problem document. The nonce header is set first, so every answer has one.
    /// </summary>
    private static async Task SignedAsync(HttpContext context, SignedBy signedBy, Func<AcmeRequest, Task> handle) =>
        await SignedAsync(context, signedBy, (_, request) => handle(request));

    private static async Task SignedAsync(HttpContext context, SignedBy signedBy, Func<HttpContext, AcmeRequest, Task> handle)
    {
        context.Response.Headers["Replay-Nonce"] = Service<ReplayNonces>(context).Next();
        context.Response.Headers.CacheControl = "no-store";
        Index(context);
        try
        {
            var request = await Service<AcmeRequestReader>(context).ReadAsync(context, signedBy);
            await handle(context, request);
        }
        catch (AcmeRefusal refusal) when (!context.Response.HasStarted)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                await ProblemAsync(context, refusal);
            }
        }
    }

    private static async Task ProblemAsync(HttpContext context, AcmeRefusal refusal)
    {
        if (refusal.Location is { } location)
        {
            context.Response.Headers.Location = location;
        }

        var problem = new AcmeProblemDocument(refusal.Problem.Type, refusal.Message, refusal.Status);
        context.Response.StatusCode = refusal.Status;
        await context.Response.WriteAsJsonAsync(problem, AcmeJsonContext.Default.AcmeProblemDocument, ProblemType, context.RequestAborted);
    }

    private static Task JsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, type, cancellationToken: context.RequestAborted);
    }

    /// <summary>An account URL answers only to its own account.</summary>
    private static void Owned(AcmeRequest request, string id)
    {
        if (request.Signer.Id != id)
        {
            throw new AcmeRefusal(AcmeProblems.Unauthorized, "The request is signed by another account than the one at this URL.");
        }
    }

    private static void RetryWhilePending(HttpContext context, string status)
    {
        if (status is "pending" or "processing")
        {
            context.Response.Headers.RetryAfter = "1";
        }
    }

    private static void Index(HttpContext context) =>
        context.Response.Headers.Append("Link", $"<{new AcmeUrls(context.Request).Directory}>;rel=\"index\"");

    private static DateTimeOffset Now(HttpContext context) => Service<TimeProvider>(context).GetUtcNow();

    private static T Service<T>(HttpContext context) where T : notnull => context.RequestServices.GetRequiredService<T>();
}
