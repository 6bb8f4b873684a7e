using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Profiles;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;
using System.Globalization;

namespace Pki.Ca.Endpoints;

/// <summary>The certificate authority's HTTP API (docs/pki.md). Thin: the work is in <see cref="CertificateIssuer"/>.</summary>
internal static class CaEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var pki = endpoints.MapGroup("/pki").WithTags("Certificate authority");
        pki.MapGet("/cas", ListCas).WithName("ListCas").WithSummary("List the certificate authorities");
        pki.MapGet("/cas/{name}/certificate", GetCaCertificate).WithName("GetCaCertificate").WithSummary("Download a CA certificate (DER, or PEM with ?format=pem)")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pkix-cert", "application/x-pem-file").ProducesProblem(StatusCodes.Status404NotFound);
        pki.MapGet("/profiles", ListProfiles).WithName("ListProfiles").WithSummary("List the certificate profiles");

        pki.MapPost("/certificates", Issue).WithName("IssueCertificate").WithSummary("Issue a certificate from a CSR").RequireAuthorization(PlatformRoles.Administrator)
            .Accepts<IssueRequest>("application/json")
            .Produces<IssueResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        // Officers read what they audit; the auditor policy admits administrators too. Writes stay with administrators.
        var read = pki.MapGroup("/certificates").RequireAuthorization(PlatformRoles.Auditor);
        read.MapGet("/{serial}", GetCertificate).WithName("GetCertificate").WithSummary("Read an issued certificate by serial number").Produces<CertificateResponse>();
        read.MapGet("", Search).WithName("SearchCertificates")
            .WithSummary("Search issued certificates, newest first, by subject, serial prefix, status, CA, profile or department, a page at a time")
            .Produces<CertificateSearchResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        read.MapGet("/{serial}/revocation-status", CertificateRevocationStatus.GetAsync).WithName("GetCertificateRevocationStatus")
            .WithSummary("What a relying party sees of a certificate: the platform's OCSP answer and whether its current CRL lists it")
            .Produces<RevocationStatusResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        RevocationEndpoints.Map(endpoints);
        OcspEndpoints.Map(endpoints);
        Registration.RegistrationEndpoints.Map(endpoints);
        Escrow.EscrowEndpoints.Map(endpoints);
        Est.EstEndpoints.Map(endpoints);
        Acme.AcmeEndpoints.Map(endpoints);
    }

    private static IResult ListCas(CaRegistry registry) => Results.Json<IReadOnlyList<CaResponse>>(
        [.. registry.All.Select(ca => new CaResponse(ca.Name, ca.Certificate.SubjectDN.ToString(), ca.AlgorithmName,
            new DateTimeOffset(ca.Certificate.NotBefore, TimeSpan.Zero), new DateTimeOffset(ca.Certificate.NotAfter, TimeSpan.Zero), ca.Parent, ca.Pem,
            ca.Hierarchy, ca.IsIssuing, ca.Hierarchy == registry.TransportIssuing.Hierarchy, ca.SupersededBy, ca.IsOffline,
            [.. registry.LinksOf(ca).Select(l => PemText.Certificate(l.GetEncoded()))]))],
        CaJsonContext.Default.IReadOnlyListCaResponse);

    private static IResult GetCaCertificate(string name, string? format, CaRegistry registry)
    {
        if (!registry.TryGet(name, out var ca))
        {
            return Problems.Result(ProblemCodes.CaUnknown, $"There is no CA '{name}'.");
        }

        return string.Equals(format, "pem", StringComparison.OrdinalIgnoreCase)
            ? Results.Text(ca.Pem, "application/x-pem-file")
            : Results.Bytes(ca.Der, "application/pkix-cert");
    }

    private static IResult ListProfiles(ProfileCatalog catalog, CertificateIssuer issuer) => Results.Json<IReadOnlyList<ProfileResponse>>(
        [.. catalog.All.Select(p => new ProfileResponse(p.Name, p.Description, (int)p.Validity.TotalDays, p.KeyUsageNames,
            p.ExtendedKeyUsageNames, p.AllowedKeyAlgorithmNames, p.AllowedSanTypeNames, p.RequireSan, p.RequireCommonName, p.Roles,
            issuer.DefaultCa(p).Name))],
        CaJsonContext.Default.IReadOnlyListProfileResponse);

    private static async Task<IResult> Issue(HttpContext context, CertificateIssuer issuer, IAuditTrail audit)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, CaJsonContext.Default.IssueRequest);
        if (problem is not null)
        {
            await audit.RecordAsync(HttpAuditContext.For(context, "pki.ca", "certificate.issue", AuditOutcome.Failure,
                details: new Dictionary<string, string> { ["code"] = ProblemCodes.BodyInvalid.Value }), context.RequestAborted);
            return problem;
        }

        var request = new IssuanceRequest(body!.Csr, body.Profile, HttpAuditContext.Actor(context),
            context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier, body.Ca);
        var result = await issuer.IssueAsync(request, context.RequestAborted);
        if (result.Error is { } error)
        {
            return Problems.Result(error.Code, error.Message);
        }

        var issued = result.Issued!;
        return Results.Json(new IssueResponse(issued.Record.SerialNumber, issued.Pem, issued.Chain), CaJsonContext.Default.IssueResponse,
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetCertificate(string serial, ICaStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!SerialNumbers.TryNormalize(serial, out var normalized))
        {
            return Problems.Result(ProblemCodes.SerialInvalid, "A serial number is a positive hexadecimal number of at most 20 octets.");
        }

        var record = await store.GetCertificateAsync(normalized, cancellationToken);
        return record is null
            ? Problems.Result(ProblemCodes.CertificateUnknown, $"No certificate with serial number {normalized} was issued here.")
            : Results.Json(ToResponse(record, time.GetUtcNow()), CaJsonContext.Default.CertificateResponse);
    }

    private static async Task<IResult> Search(
        string? subject, string? status, int? limit, string? cursor, string? serial, string? ca, string? profile, string? department,
        ICaStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        string? serialPrefix = null;
        if (!string.IsNullOrEmpty(serial))
        {
            if (serial.Length > 40 || !serial.All(char.IsAsciiHexDigit))
            {
                return Problems.Result(ProblemCodes.SerialInvalid, "serial is the start of a serial number in hexadecimal, at most 40 digits.");
            }

            // Stored serials carry no leading zeros, so neither may the prefix that matches them.
            serialPrefix = serial.ToLowerInvariant().TrimStart('0');
        }

        CertificateStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<CertificateStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Problems.Result(ProblemCodes.StatusInvalid, "status is one of valid, revoked, expired.");
            }

            wanted = parsed;
        }

        if (limit is < 1 or > 1000)
        {
            return Problems.Result(ProblemCodes.LimitInvalid, "limit is between 1 and 1000.");
        }

        (long, string)? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            var parts = cursor.Split('.');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                || !SerialNumbers.TryNormalize(parts[1], out var after))
            {
                return Problems.Result(ProblemCodes.CursorInvalid, "cursor must be a value returned as 'next' by an earlier search.");
            }

            before = (at, after);
        }

        var now = time.GetUtcNow();
        var pageSize = limit ?? 100;
        var page = await store.SearchAsync(new CertificateQuery(now, subject, wanted, pageSize, before,
            serialPrefix, NullIfEmpty(ca), NullIfEmpty(profile), NullIfEmpty(department)), cancellationToken);
        var next = page.Count == pageSize ? $"{page[^1].IssuedAt.ToUnixTimeMilliseconds()}.{page[^1].SerialNumber}" : null;
        return Results.Json(new CertificateSearchResponse([.. page.Select(r => ToResponse(r, now))], next),
            CaJsonContext.Default.CertificateSearchResponse);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    internal static CertificateResponse ToResponse(CertificateRecord record, DateTimeOffset now) => new(
        record.SerialNumber, record.Subject, record.Profile, record.StatusAt(now).ToString().ToLowerInvariant(),
        record.NotBefore, record.NotAfter, record.RevokedAt, record.RevocationReason, PemText.Certificate(record.Certificate),
        record.CaName, record.RequestedBy);
}
