using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Issuance;
using Pki.Ca.Registration;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;

namespace Pki.Ca.Est;

/// <summary><c>simpleenroll</c> (secret, or certificate and approval) and <c>simplereenroll</c>.</summary>
internal static partial class EstEndpoints
{
    /// <summary>How long a client whose request waits for approval is asked to wait before it repeats the POST (RFC 7030 §4.2.3).</summary>
    internal const int RetryAfterSeconds = 60;

    /// <summary>
    /// RFC 7030 §4.2.1. With HTTP Basic (§3.2.3): <c>id:secret</c> of a one-time enrollment secret
    /// a registration officer handed out, which approves this one certificate. Under a label,
    /// with a TLS client certificate and no secret: the CSR becomes a request of the department
    /// that its officers decide (§4.2.3: 202 and Retry-After until then).
    /// </summary>
    private static async Task EnrollAsync(HttpContext context, string? label)
    {
        const string action = RegistrationEvents.Enroll;
        var department = label is null ? null : await DepartmentAsync(context, label, action);
        if (label is not null && department is null)
        {
            return;
        }

        var credentials = BasicCredentials(context);
        var byCertificate = credentials is null && department is not null && context.User.FindFirst(PlatformClaims.CertificateSerial) is not null;
        if (credentials is null && !byCertificate)
        {
            await RefuseAsync(context, action, ProblemCodes.EnrollmentSecretRefused, label is null
                ? "Enrollment is authenticated with HTTP Basic: the id and the secret of a one-time enrollment secret."
                : "Enrollment is authenticated with HTTP Basic (a one-time enrollment secret) or with a TLS client certificate, whose request the department's officers then decide.");
            return;
        }

        if (await CsrAsync(context, action) is not var (_, pem))
        {
            return;
        }

        var authority = context.RequestServices.GetRequiredService<RegistrationAuthority>();
        if (credentials is var (id, secret))
        {
            var enrolled = await authority.EnrollAsync(id, secret, pem, context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier,
                context.RequestAborted, label);
            await (enrolled.Value is { } issued
                ? CertsOnlyAsync(context, StatusCodes.Status200OK, [issued.Record.Certificate])
                : RecordedRefusalAsync(context, enrolled.Code!, enrolled.Detail!));
            return;
        }

        await ForApprovalAsync(context, authority, department!, pem);
    }

    /// <summary>RFC 7030 §4.2.3 manual approval: 202 with Retry-After while the request waits, the certificate once issued.</summary>
    private static async Task ForApprovalAsync(HttpContext context, RegistrationAuthority authority, Department department, string pem)
    {
        if (await RegistrationCaller.OfAsync(context) is not { } caller)
        {
            await RefuseAsync(context, RegistrationEvents.Enroll, ProblemCodes.RegistrationDenied, "The caller could not be named to the decision point.");
            return;
        }

        var result = await authority.EnrollForApprovalAsync(caller, department, pem, context.RequestAborted);
        if (result.Value is not { } request)
        {
            await RecordedRefusalAsync(context, result.Code!, result.Detail!);
            return;
        }

        var store = context.RequestServices.GetRequiredService<ICaStore>();
        if (request.Serial is { } serial && await store.GetCertificateAsync(serial, context.RequestAborted) is { } issued)
        {
            await CertsOnlyAsync(context, StatusCodes.Status200OK, [issued.Certificate]);
            return;
        }

        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.Location = $"/pki/requests/{request.Id}";
        await PlainAsync(context, StatusCodes.Status202Accepted,
            $"Certificate request {request.Id} waits for the approval of department '{department.Name}''s registration officers; repeat this request to receive the certificate.");
    }

    /// <summary>RFC 7030 §4.2.2: the same subject and subject alternative names as the certificate the client authenticates with.</summary>
    private static async Task ReenrollAsync(HttpContext context, string? label)
    {
        const string action = "est.simplereenroll";
        var department = label is null ? null : await DepartmentAsync(context, label, action);
        if (label is not null && department is null)
        {
            return;
        }

        if (await CurrentCertificateAsync(context, action) is not { } current || await CsrAsync(context, action) is not var (_, pem))
        {
            return;
        }

        var (csr, parseError) = CsrParser.Parse(pem);
        if (parseError is not null)
        {
            await RefuseAsync(context, action, parseError.Code, parseError.Message);
            return;
        }

        if (RenewalRefusal(csr!, current, department) is var (code, detail))
        {
            await RefuseAsync(context, action, code, detail);
            return;
        }

        var issuer = context.RequestServices.GetRequiredService<CertificateIssuer>();
        var result = await issuer.IssueAsync(new IssuanceRequest(pem, current.Profile, HttpAuditContext.Actor(context),
            context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier), context.RequestAborted);
        await (result.Error is { } error
            ? RecordedRefusalAsync(context, error.Code, error.Message)
            : CertsOnlyAsync(context, StatusCodes.Status200OK, [result.Issued!.Record.Certificate]));
    }

    /// <summary>The certificate the TLS client authenticated with, as the CA stored it; null with the refusal answered.</summary>
    private static async Task<CertificateRecord?> CurrentCertificateAsync(HttpContext context, string action,
        string refusal = "Re-enrollment is authenticated with the certificate being renewed: present it as the TLS client certificate.")
    {
        if (context.User.FindFirst(PlatformClaims.CertificateSerial)?.Value is { } serial
            && await context.RequestServices.GetRequiredService<ICaStore>().GetCertificateAsync(serial, context.RequestAborted) is { } current)
        {
            return current;
        }

        // No HTTP authentication scheme names a TLS client certificate: the platform sends no challenge for one.
        await RefuseAsync(context, action, ProblemCodes.ClientCertificateRequired, refusal);
        return null;
    }

    /// <summary>Why a CSR cannot renew <paramref name="current"/> (other names, or outside the labelled department); null when it can.</summary>
    private static (ProblemCode Code, string Detail)? RenewalRefusal(ParsedCsr csr, CertificateRecord current, Department? department)
    {
        var renewed = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(current.Certificate);
        if (!csr.Subject.Equivalent(renewed.SubjectDN, inOrder: true) || !SameNames(csr.SubjectAlternativeNames, renewed))
        {
            return (ProblemCodes.ReenrollmentSubjectChanged,
                $"The request must name the subject '{renewed.SubjectDN}' and the same subject alternative names as certificate {current.SerialNumber}.");
        }

        return department is not null && DepartmentNameSpaces.Outside(department, csr) is { } outside
            ? (ProblemCodes.CsrNameOutsideDepartment, outside)
            : null;
    }

    private static bool SameNames(IReadOnlyList<GeneralName> requested, Org.BouncyCastle.X509.X509Certificate renewed)
    {
        var extension = renewed.GetExtensionValue(X509Extensions.SubjectAlternativeName);
        var current = extension is null ? [] : GeneralNames.GetInstance(extension.GetOctets()).GetNames();
        static string Key(GeneralName name) => $"{name.TagNo}:{Convert.ToHexString(name.Name.ToAsn1Object().GetEncoded())}";
        return requested.Select(Key).Order(StringComparer.Ordinal).SequenceEqual(current.Select(Key).Order(StringComparer.Ordinal));
    }
}
