using Platform.Authorization;
using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Platform.Auditing;
using Platform.Certificates;
using Platform.Cryptography.BouncyCastle;
using Platform.Http;
using Platform.Storage;
using Pmi.Authorization.Decisions;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>
/// Issues RFC 5755 attribute certificates to holders of certificates from the platform's CA: checks
/// the request, builds the certificate with Bouncy Castle, signs it with the authority's key, and
/// stores it together with its audit event.
/// </summary>
internal sealed class AttributeCertificateIssuer(
    AttributeAuthorityCredentials authority, IPlatformCertificateIssuer ca, IModuleDatabase database, IAuditTrail audit, AuditOutbox outbox,
    TimeProvider time, IOptions<AttributeAuthorityOptions> options, HolderDirectory directory,
    DelegationRegistry delegations, SeparationOfDuty separation)
{
    private const int MaxRoles = 16;

    // Grants are rare; taking them one at a time keeps this node's quick separation-of-duty check
    // (before signing) in step with its inserts; the check inside the insert's transaction is the
    // one that holds across nodes.
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    /// <summary>Issues; <paramref name="grantor"/> is the sub-authority's serial, or null when the attribute authority itself grants.</summary>
    public async Task<AttributeIssueOutcome> IssueAsync(AttributeCertificateRequest request, string? grantor, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await IssueOneAsync(request, grantor, auditEvent, cancellationToken);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task<AttributeIssueOutcome> IssueOneAsync(AttributeCertificateRequest request, string? grantor, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var problem = Check(request, limits);
        var holderSerial = request.HolderSerial?.Trim().ToLowerInvariant().TrimStart('0') ?? "";
        PlatformCertificate? holder = null;
        if (problem is null)
        {
            holder = await ca.FindCurrentAsync(holderSerial, cancellationToken);
            problem = holder is null ? AttributeIssueOutcome.Refused(ProblemCodes.HolderUnknown, $"No current certificate with serial number {holderSerial} was issued by the platform.") : null;
        }

        if (problem is null && grantor is not null)
        {
            problem = await delegations.CheckGrantAsync(grantor, request.Roles!, request.Department, request.Clearance, cancellationToken);
        }

        problem ??= separation.Check(holderSerial, request.Roles!);

        if (problem is not null)
        {
            await RecordAsync(auditEvent with { Outcome = AuditOutcome.Failure, Details = new Dictionary<string, string> { ["code"] = problem.Code!.Value, ["grantor"] = grantor ?? "authority" } }, cancellationToken);
            return problem;
        }

        // Before the insert, so that the grant counts from its first decision on, and never for a holder revoked since.
        await directory.TrackHolderAsync(holderSerial, cancellationToken);
        var now = time.GetUtcNow();
        var notBefore = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        var notAfter = notBefore.AddDays(request.ValidityDays ?? limits.DefaultValidityDays);
        var generator = new X509V2AttributeCertificateGenerator();
        generator.SetHolder(new AttributeCertificateHolder(new X509Certificate(holder!.Certificate)));
        generator.SetIssuer(new Org.BouncyCastle.X509.AttributeCertificateIssuer(authority.Certificate.SubjectDN));
        // RFC 5755 §4.2.5: positive, at most 20 octets; 127 random bits.
        var serial = new BigInteger(1, RandomNumberGenerator.GetBytes(16)).ShiftRight(1).SetBit(0);
        generator.SetSerialNumber(serial);
        generator.SetNotBefore(notBefore.UtcDateTime);
        generator.SetNotAfter(notAfter.UtcDateTime);
        var roles = new Asn1EncodableVector();
        foreach (var role in request.Roles!)
        {
            roles.Add(Rfc5755Attributes.Role(role));
        }

        generator.AddAttribute(new X509Attribute(Rfc5755Attributes.RoleOid, roles));
        if (!string.IsNullOrEmpty(request.Department))
        {
            generator.AddAttribute(new X509Attribute(Rfc5755Attributes.GroupOid, Rfc5755Attributes.Group(request.Department)));
        }

        if (!string.IsNullOrEmpty(request.Clearance))
        {
            generator.AddAttribute(new X509Attribute(Rfc5755Attributes.ClearanceOid,
                Rfc5755Attributes.Clearance(limits.ClearancePolicy, Array.IndexOf(Rfc5755Attributes.Classes, request.Clearance))));
        }

        var certificate = generator.Generate(new SigningKeySignatureFactory(authority.Key));
        var der = certificate.GetEncoded();
        var serialHex = serial.ToString(16);
        var refusal = await outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            if (separation.Constrained
                && separation.Check(await HeldRolesAsync(connection, transaction, holderSerial, now, ct), request.Roles!) is { } conflict)
            {
                return new Audited<AttributeIssueOutcome?>(conflict, null);
            }

            await using var insert = connection.Command(
                "INSERT INTO attribute_certificates (serial, holder_serial, der, roles, department, clearance, not_before, not_after, created_at) VALUES (@serial, @holder, @der, @roles, @department, @clearance, @nb, @na, @created)",
                transaction);
            insert.AddParameter("serial", serialHex).AddParameter("holder", holderSerial).AddParameter("der", der)
                .AddParameter("roles", string.Join(",", request.Roles!)).AddParameter("department", request.Department).AddParameter("clearance", request.Clearance)
                .AddParameter("nb", notBefore).AddParameter("na", notAfter).AddParameter("created", now);
            await insert.ExecuteNonQueryAsync(ct);
            await database.SignalChangeAsync(connection, transaction, ct);
            return new Audited<AttributeIssueOutcome?>(null, auditEvent with
            {
                Outcome = AuditOutcome.Success,
                Target = serialHex,
                Details = new Dictionary<string, string>
                {
                    ["holder"] = holderSerial,
                    ["grantor"] = grantor ?? "authority",
                    ["roles"] = string.Join(",", request.Roles!),
                    ["department"] = request.Department ?? "",
                    ["clearance"] = request.Clearance ?? "",
                    ["notAfter"] = notAfter.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                },
            });
        }, cancellationToken);
        if (refusal is not null)
        {
            await RecordAsync(auditEvent with { Outcome = AuditOutcome.Failure, Details = new Dictionary<string, string> { ["code"] = refusal.Code!.Value, ["grantor"] = grantor ?? "authority" } }, cancellationToken);
            return refusal;
        }

        directory.Add(new HeldAttributes(serialHex, holderSerial, [.. request.Roles!], request.Department,
            request.Clearance is null ? null : Array.IndexOf(Rfc5755Attributes.Classes, request.Clearance), notBefore, notAfter));
        return new AttributeIssueOutcome(new AttributeCertificateResponse(serialHex, holderSerial, notBefore, notAfter,
            PemEncoding.WriteString("ATTRIBUTE CERTIFICATE", der) + "\n", PemEncoding.WriteString("CERTIFICATE", authority.Issued.Certificate) + "\n"), null, null);
    }

    /// <summary>
    /// The roles of <paramref name="holderSerial"/>'s unrevoked, unexpired attribute certificates by
    /// the database, also those not valid yet (the node that granted them may have a clock ahead of
    /// this one's). On PostgreSQL the grants to one holder take turns across nodes (an advisory
    /// lock held to commit), so two nodes cannot each grant one side of a conflict.
    /// </summary>
    private async Task<List<string>> HeldRolesAsync(DbConnection connection, DbTransaction transaction, string holderSerial, DateTimeOffset now, CancellationToken ct)
    {
        if (database.Provider == StorageProvider.PostgreSql)
        {
            await using var turn = connection.Command("SELECT pg_advisory_xact_lock(hashtext('authz:holder:' || @holder))", transaction);
            turn.AddParameter("holder", holderSerial);
            await turn.ExecuteNonQueryAsync(ct);
        }

        await using var command = connection.Command(
            "SELECT roles FROM attribute_certificates WHERE holder_serial = @holder AND revoked_at IS NULL AND not_after > @now",
            transaction);
        command.AddParameter("holder", holderSerial).AddParameter("now", now);
        var roles = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            roles.AddRange(reader.GetString(0).Split(',', StringSplitOptions.RemoveEmptyEntries));
        }

        return roles;
    }

    private static AttributeIssueOutcome? Check(AttributeCertificateRequest request, AttributeAuthorityOptions limits)
    {
        if (string.IsNullOrWhiteSpace(request.HolderSerial) || request.HolderSerial.Trim().Length > 40 || !request.HolderSerial.Trim().All(char.IsAsciiHexDigit))
        {
            return AttributeIssueOutcome.Refused(ProblemCodes.HolderInvalid, "holderSerial is the hexadecimal serial number of a certificate the platform issued.");
        }

        if (request.Roles is not { Count: > 0 and <= MaxRoles } || !request.Roles.All(EntityNames.IsValid))
        {
            return AttributeIssueOutcome.Refused(ProblemCodes.RolesInvalid, $"roles holds 1 to {MaxRoles} names of letters, digits, '.', '_' and '-', at most 64 characters each.");
        }

        if (request.Department is not null && !EntityNames.IsValid(request.Department))
        {
            return AttributeIssueOutcome.Refused(ProblemCodes.DepartmentInvalid, "department is a name of letters, digits, '.', '_' and '-', at most 64 characters.");
        }

        if (request.Clearance is not null && !Rfc5755Attributes.Classes.Contains(request.Clearance))
        {
            return AttributeIssueOutcome.Refused(ProblemCodes.ClearanceInvalid, "clearance is one of " + string.Join(", ", Rfc5755Attributes.Classes) + ".");
        }

        if (request.ValidityDays is < 1 || request.ValidityDays > limits.MaxValidityDays)
        {
            return AttributeIssueOutcome.Refused(ProblemCodes.ValidityInvalid, $"validityDays is between 1 and {limits.MaxValidityDays}.");
        }

        return null;
    }

    private async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordAsync(auditEvent, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new AuditUnavailableException(e);
        }
    }
}
