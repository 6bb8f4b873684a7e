using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pki.Ca.Hierarchy;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Platform.Security;
using System.Globalization;

namespace Pki.Ca.Registration;

/// <summary>
/// The registration authority's HTTP API (docs/pki.md, "Departments and their requests"):
/// administrators define departments; any authenticated caller may submit, and the decision
/// point decides who may request and who reviews. Thin: the work is in <see cref="RegistrationAuthority"/>.
/// </summary>
internal static class RegistrationEndpoints
{

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var departments = endpoints.MapGroup("/pki/departments").WithTags("Registration").RequireAuthorization();
        departments.MapPost("", CreateDepartmentAsync).WithName("CreateDepartment").WithSummary("Create a department").RequireAuthorization(PlatformRoles.Administrator)
            .Accepts<DepartmentDefinition>("application/json").Produces<DepartmentResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        departments.MapPut("/{name}", UpdateDepartmentAsync).WithName("UpdateDepartment").WithSummary("Update a department").RequireAuthorization(PlatformRoles.Administrator)
            .Accepts<DepartmentDefinition>("application/json").Produces<DepartmentResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        departments.MapGet("", ListDepartmentsAsync).WithName("ListDepartments")
            .WithSummary("List departments by name; with limit, a page after the name given as after, filtered by search")
            .Produces<IReadOnlyList<DepartmentResponse>>().ProducesProblem(StatusCodes.Status400BadRequest);
        departments.MapPost("/{name}/enrollment-secrets", CreateEnrollmentSecretAsync).WithName("CreateEnrollmentSecret").WithSummary("Create a one-time EST enrollment secret")
            .Accepts<EnrollmentSecretRequest>("application/json").Produces<EnrollmentSecretResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        departments.MapGet("/{name}", GetDepartmentAsync).WithName("GetDepartment").WithSummary("Read a department").Produces<DepartmentResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        var requests = endpoints.MapGroup("/pki/requests").WithTags("Registration").RequireAuthorization();
        requests.MapPost("", SubmitAsync).WithName("SubmitCertificateRequest").WithSummary("Submit a certificate request for approval")
            .Accepts<CertificateRequestSubmission>("application/json").Produces<CertificateRequestAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        requests.MapGet("", ListRequestsAsync).WithName("ListCertificateRequests").WithSummary("List certificate requests").Produces<CertificateRequestListResponse>();
        requests.MapGet("/{id}", GetRequestAsync).WithName("GetCertificateRequest").WithSummary("Read a certificate request").Produces<CertificateRequestResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        requests.MapPost("/{id}/approve", (string id, HttpContext context, RegistrationAuthority authority, ICaStore certificates, CaRegistry registry, TimeProvider time) =>
                DecideAsync(id, approve: true, context, authority, certificates, registry, time))
            .WithName("ApproveCertificateRequest").WithSummary("Approve a certificate request").Accepts<CertificateRequestDecision>("application/json").Produces<CertificateRequestResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id}/reject", (string id, HttpContext context, RegistrationAuthority authority, ICaStore certificates, CaRegistry registry, TimeProvider time) =>
                DecideAsync(id, approve: false, context, authority, certificates, registry, time))
            .WithName("RejectCertificateRequest").WithSummary("Reject a certificate request").Accepts<CertificateRequestDecision>("application/json").Produces<CertificateRequestResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static Task<IResult> CreateDepartmentAsync(HttpContext context, RegistrationAuthority authority) =>
        DefineAsync(null, context, authority);

    private static Task<IResult> UpdateDepartmentAsync(string name, HttpContext context, RegistrationAuthority authority) =>
        DefineAsync(name, context, authority);

    private static async Task<IResult> DefineAsync(string? name, HttpContext context, RegistrationAuthority authority)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, RegistrationJsonContext.Default.DepartmentDefinition);
        if (problem is not null)
        {
            return problem;
        }

        if (await CallerAsync(context) is not { } caller)
        {
            return Unnamed;
        }

        var result = await authority.DefineAsync(caller, name ?? body!.Name ?? "", body!, create: name is null, context.RequestAborted);
        if (result.Value is not { } department)
        {
            return Problems.Result(result.Code!, result.Detail!);
        }

        var response = Response(department);
        return name is null
            ? Results.Json(response, RegistrationJsonContext.Default.DepartmentResponse, statusCode: StatusCodes.Status201Created)
            : Results.Json(response, RegistrationJsonContext.Default.DepartmentResponse);
    }

    private static async Task<IResult> CreateEnrollmentSecretAsync(string name, HttpContext context, RegistrationAuthority authority)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, RegistrationJsonContext.Default.EnrollmentSecretRequest);
        if (problem is not null)
        {
            return problem;
        }

        if (await CallerAsync(context) is not { } caller)
        {
            return Unnamed;
        }

        var result = await authority.CreateEnrollmentSecretAsync(caller, name, body!, context.RequestAborted);
        if (result.Value is not ({ } stored, { } secret))
        {
            return Problems.Result(result.Code!, result.Detail!);
        }

        return Results.Json(new EnrollmentSecretResponse(stored.Id, secret, stored.Department, stored.Profile, stored.Subject, stored.ExpiresAt),
            RegistrationJsonContext.Default.EnrollmentSecretResponse, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// Every department without <paramref name="limit"/> (as before paging existed); with it, one page by name. The answer
    /// stays a plain array: a client asks for one more than it shows, and the last name it shows is the next page's <paramref name="after"/>.
    /// </summary>
    private static async Task<IResult> ListDepartmentsAsync(
        string? search, string? after, int? limit, IRegistrationStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > ListQuery<CertificateRequestStatus>.MaxLimit)
        {
            return Problems.Result(ProblemCodes.LimitInvalid, $"limit is between 1 and {ListQuery<CertificateRequestStatus>.MaxLimit}.");
        }

        if (search is { Length: > 64 } || (!string.IsNullOrEmpty(after) && !EntityNames.IsValid(after)))
        {
            return Problems.Result(ProblemCodes.QueryInvalid, "search is at most 64 characters; after is a department name.");
        }

        var departments = limit is null && string.IsNullOrEmpty(search) && string.IsNullOrEmpty(after)
            ? await store.ListDepartmentsAsync(cancellationToken)
            : await store.ListDepartmentsAsync(search, string.IsNullOrEmpty(after) ? null : after, limit ?? ListQuery<CertificateRequestStatus>.MaxLimit, cancellationToken);
        return Results.Json<IReadOnlyList<DepartmentResponse>>([.. departments.Select(Response)], RegistrationJsonContext.Default.IReadOnlyListDepartmentResponse);
    }

    private static async Task<IResult> GetDepartmentAsync(string name, IRegistrationStore store, CancellationToken cancellationToken) =>
        await store.GetDepartmentAsync(name, cancellationToken) is { } department
            ? Results.Json(Response(department), RegistrationJsonContext.Default.DepartmentResponse)
            : Problems.Result(ProblemCodes.DepartmentUnknown, "There is no department of that name.");

    private static async Task<IResult> SubmitAsync(HttpContext context, RegistrationAuthority authority)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, RegistrationJsonContext.Default.CertificateRequestSubmission);
        if (problem is not null)
        {
            return problem;
        }

        if (await CallerAsync(context) is not { } caller)
        {
            return Unnamed;
        }

        var result = await authority.SubmitAsync(caller, body!, context.RequestAborted);
        if (result.Value is not { } request)
        {
            return Problems.Result(result.Code!, result.Detail!);
        }

        context.Response.Headers.Location = $"/pki/requests/{request.Id}";
        return Results.Json(new CertificateRequestAccepted(request.Id, request.StoredStatus.Name(), request.ExpiresAt),
            RegistrationJsonContext.Default.CertificateRequestAccepted, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ListRequestsAsync(
        string? status, string? department, int? limit, string? cursor, HttpContext context, RegistrationAuthority authority, ICaStore certificates, CaRegistry registry, TimeProvider time)
    {
        var (query, problem) = ListQuery<CertificateRequestStatus>.Parse(status, limit, cursor, "pending, issued, rejected, expired");
        if (problem is not null)
        {
            return problem;
        }

        if (await CallerAsync(context) is not { } caller)
        {
            return Unnamed;
        }

        var page = await authority.ListAsync(caller, query.Status, department, query.Limit, query.Before, context.RequestAborted);
        var next = page.Count == 0 ? null : query.Next(page.Count, page[^1].CreatedAt, page[^1].Id);
        var now = time.GetUtcNow();
        var items = new List<CertificateRequestResponse>(page.Count);
        foreach (var request in page)
        {
            items.Add(await ResponseAsync(request, caller, authority, certificates, registry, now, context.RequestAborted));
        }

        return Results.Json(new CertificateRequestListResponse(items, next), RegistrationJsonContext.Default.CertificateRequestListResponse);
    }

    private static async Task<IResult> GetRequestAsync(string id, HttpContext context, RegistrationAuthority authority, ICaStore certificates, CaRegistry registry, TimeProvider time)
    {
        if (await CallerAsync(context) is not { } caller)
        {
            return Unnamed;
        }

        var result = await authority.GetAsync(caller, id, context.RequestAborted);
        return result.Value is { } request
            ? Results.Json(await ResponseAsync(request, caller, authority, certificates, registry, time.GetUtcNow(), context.RequestAborted),
                RegistrationJsonContext.Default.CertificateRequestResponse)
            : Problems.Result(result.Code!, result.Detail!);
    }

    private static async Task<IResult> DecideAsync(string id, bool approve, HttpContext context, RegistrationAuthority authority, ICaStore certificates, CaRegistry registry, TimeProvider time)
    {
        CertificateRequestDecision? body = new(null);
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            (body, var problem) = await RequestBody.ReadJsonAsync(context, RegistrationJsonContext.Default.CertificateRequestDecision);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (await CallerAsync(context) is not { } caller)
        {
            return Unnamed;
        }

        var result = approve
            ? await authority.ApproveAsync(caller, id, body!.Comment, context.RequestAborted)
            : await authority.RejectAsync(caller, id, body!.Comment, context.RequestAborted);
        return result.Value is { } request
            ? Results.Json(await ResponseAsync(request, caller, authority, certificates, registry, time.GetUtcNow(), context.RequestAborted),
                RegistrationJsonContext.Default.CertificateRequestResponse)
            : Problems.Result(result.Code!, result.Detail!);
    }

    /// <summary>The answer when an authenticated caller cannot be named to the decision point (a token revoked since it was accepted).</summary>
    internal static IResult Unnamed => Problems.Result(ProblemCodes.RegistrationDenied, "The caller could not be named to the decision point.");

    private static Task<RegistrationCaller?> CallerAsync(HttpContext context) => RegistrationCaller.OfAsync(context);

    private static DepartmentResponse Response(Department d) =>
        new(d.Name, d.DisplayName, d.Organization, d.DnsSuffixes, d.EmailDomains, d.Profiles, d.MaxCertificates, d.CreatedAt, d.UpdatedAt);

    /// <summary>The request as shown; an issued one with its certificate and the chain to its root.</summary>
    private static async Task<CertificateRequestResponse> ResponseAsync(
        CertificateRequest r, RegistrationCaller caller, RegistrationAuthority authority, ICaStore certificates, CaRegistry registry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var issued = r.Serial is { } serial ? await certificates.GetCertificateAsync(serial, cancellationToken) : null;
        return new(r.Id, r.Department, r.Profile, r.Subject, r.StatusAt(now).Name(), r.RequesterName, r.CreatedAt, r.ExpiresAt,
            authority.ApprovalsRequired(r), [.. r.Approvals.Select(a => new ApprovalResponse(a.OfficerName, a.Comment, a.ApprovedAt))],
            r.ClosedAt, r.ClosedBy, r.Comment, r.Serial, issued is null ? null : PemText.Certificate(issued.Certificate),
            issued is not null && registry.TryGet(issued.CaName, out var ca) ? registry.ChainPem(ca) : null, r.EncryptionCertificate,
            issued is null ? null : await authority.EncryptionPairAsync(r, cancellationToken),
            r.Requester == caller.Principal.Key, r.Approvals.Any(a => a.Officer == caller.Principal.Key));
    }
}
