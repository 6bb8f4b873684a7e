using System.Globalization;
using Identity.People.Storage;
using Identity.People.Totp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;

namespace Identity.People.Endpoints;

/// <summary>The directory's administration API under <c>/identity/people</c>. Thin: the work is in <see cref="PeopleDirectory"/> and <see cref="TotpEnrolment"/>.</summary>
internal static class PeopleEndpoints
{
    // A person's JSON is small; a body near this is not one.
    private const int MaxBodyBytes = 16 * 1024;
    private const int DefaultPageSize = 50, MaxPageSize = 200;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var people = endpoints.MapGroup("/identity/people").WithTags("Identity: people").RequireAuthorization(PlatformRoles.Administrator);
        people.MapPost("", CreateAsync).WithName("CreatePerson").WithSummary("Create a person")
            .Accepts<CreatePersonRequest>("application/json")
            .Produces<Person>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        people.MapGet("", ListAsync).WithName("ListPeople")
            .WithSummary("List people in login order, a page at a time, filtered by login or name and by department")
            .Produces<PeoplePage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        people.MapGet("/{login}", GetAsync).WithName("GetPerson").WithSummary("Read a person")
            .Produces<Person>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        people.MapPatch("/{login}", UpdateAsync).WithName("UpdatePerson").WithSummary("Update or disable a person")
            .Accepts<UpdatePersonRequest>("application/json", "application/merge-patch+json")
            .Produces<Person>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        people.MapPost("/{login}/certificates", BindCertificateAsync).WithName("BindPersonCertificate").WithSummary("Bind a certificate to a person")
            .Accepts<BindCertificateRequest>("application/json")
            .Produces<Person>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        people.MapPost("/{login}/totp", StartTotpAsync).WithName("StartTotpEnrolment").WithSummary("Start TOTP enrolment")
            .Produces<TotpEnrolmentStart>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound);
        people.MapPost("/{login}/totp/confirm", ConfirmTotpAsync).WithName("ConfirmTotpEnrolment").WithSummary("Confirm TOTP enrolment with a code")
            .Accepts<ConfirmTotpRequest>("application/json")
            .Produces<Person>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, PeopleDirectory directory)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, PeopleJsonContext.Default.CreatePersonRequest, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await directory.CreateAsync(new NewPerson(body!.Login, body.DisplayName, body.Department, body.Password, body.Roles),
            Audit(context, PeopleAudit.Create), context.RequestAborted);
        return outcome.Value is { } person
            ? Results.Json(person, PeopleJsonContext.Default.Person, statusCode: StatusCodes.Status201Created)
            : Problems.Result(outcome.Code!, outcome.Detail!);
    }

    private static async Task<IResult> ListAsync(
        string? search, string? department, string? limit, string? cursor, PeopleDirectory directory, CancellationToken cancellationToken)
    {
        var size = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            return Problems.Result(ProblemCodes.LimitInvalid, $"limit is a whole number from 1 to {MaxPageSize}.");
        }

        // The cursor is the last login of the previous page; anything that is not a login was not one.
        string? after = null;
        if (cursor is not null && (after = PersonNames.NormalizeLogin(cursor)) is null)
        {
            return Problems.Result(ProblemCodes.CursorInvalid, "cursor is the 'next' value of an earlier page.");
        }

        if (search is { Length: > 100 } || department is { Length: > 100 })
        {
            return Problems.Result(ProblemCodes.QueryInvalid, "search and department are at most 100 characters.");
        }

        var (people, next) = await directory.ListAsync(
            new PeopleQuery(size, after, string.IsNullOrEmpty(search) ? null : search, string.IsNullOrEmpty(department) ? null : department), cancellationToken);
        return Results.Json(new PeoplePage(people, next), PeopleJsonContext.Default.PeoplePage);
    }

    private static async Task<IResult> GetAsync(string login, PeopleDirectory directory, CancellationToken cancellationToken) =>
        await directory.GetAsync(login, cancellationToken) is { } person
            ? Results.Json(person, PeopleJsonContext.Default.Person)
            : Problems.Result(ProblemCodes.PersonUnknown, $"No person has the login '{login}'.");

    private static async Task<IResult> UpdateAsync(string login, HttpContext context, PeopleDirectory directory)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, PeopleJsonContext.Default.UpdatePersonRequest, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        var patch = new PersonPatch(body!.Disabled, body.DisplayName, body.Department, body.Roles, body.Password, body.Locked);
        return Answer(await directory.UpdateAsync(login, patch, Audit(context, PeopleAudit.Update), context.RequestAborted), StatusCodes.Status200OK);
    }

    private static async Task<IResult> BindCertificateAsync(string login, HttpContext context, PeopleDirectory directory)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, PeopleJsonContext.Default.BindCertificateRequest, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await directory.BindCertificateAsync(login, body!.SerialNumber, Audit(context, PeopleAudit.CertificateBind), context.RequestAborted);
        // Binding the same certificate again changes nothing and says so.
        return Answer(outcome, outcome.Changed ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> StartTotpAsync(string login, HttpContext context, TotpEnrolment enrolment)
    {
        var outcome = await enrolment.StartAsync(login, Audit(context, PeopleAudit.TotpEnrol), context.RequestAborted);
        if (outcome.Value is not { } started)
        {
            return Problems.Result(outcome.Code!, outcome.Detail!);
        }

        // The seed is in the answer: no cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(started, PeopleJsonContext.Default.TotpEnrolmentStart, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ConfirmTotpAsync(string login, HttpContext context, TotpEnrolment enrolment)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, PeopleJsonContext.Default.ConfirmTotpRequest, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        return Answer(await enrolment.ConfirmAsync(login, body!.Code, Audit(context, PeopleAudit.TotpEnrol), context.RequestAborted), StatusCodes.Status200OK);
    }

    private static IResult Answer(DirectoryOutcome<Person> outcome, int status) => outcome.Value is { } person
        ? Results.Json(person, PeopleJsonContext.Default.Person, statusCode: status)
        : Problems.Result(outcome.Code!, outcome.Detail!);

    private static AuditEvent Audit(HttpContext context, string action) => HttpAuditContext.For(context, PeopleAudit.Module, action, AuditOutcome.Success);
}
