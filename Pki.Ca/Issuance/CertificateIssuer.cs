using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Profiles;
using Pki.Ca.Storage;
using Platform.Keys;
using Platform.Auditing;
using Platform.Http;

namespace Pki.Ca.Issuance;

/// <summary>
/// Issues end-entity certificates from the issuing CA: parse and verify the request, check it
/// against the profile, sign, record in the audit trail, store durably, answer. Every step that
/// refuses returns an <see cref="IssuanceError"/>; every outcome is an audit event.
/// </summary>
public sealed class CertificateIssuer(CaRegistry registry, ProfileCatalog profiles, ICaStore store, IAuditTrail audit, TimeProvider time, PkiUrls urls)
{
    /// <summary>How far notBefore is set back, so clients with a slightly slow clock accept a fresh certificate.</summary>
    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(1);

    /// <summary>Issues from a PEM CSR.</summary>
    public async Task<IssuanceResult> IssueAsync(IssuanceRequest request, CancellationToken cancellationToken = default)
    {
        if (!profiles.TryGet(request.Profile, out var profile))
        {
            return await RefuseAsync(request, new(ProblemCodes.ProfileUnknown, $"There is no certificate profile '{request.Profile}'."), cancellationToken);
        }

        var (csr, parseError) = CsrParser.Parse(request.CsrPem);
        if (parseError is not null)
        {
            return await RefuseAsync(request, parseError, cancellationToken);
        }

        if (ProfilePolicy.Check(profile, csr!) is { } policyError)
        {
            return await RefuseAsync(request, policyError, cancellationToken);
        }

        try
        {
            return IssuanceResult.Success(await SignAndStoreAsync(profile, csr!, request, cancellationToken));
        }
        catch (KeyStoreUnavailableException e)
        {
            // Nothing is stored before the signature exists, so nothing is half issued.
            return await RefuseAsync(request, new(ProblemCodes.KeyStoreUnavailable, e.Message), cancellationToken);
        }
    }

    /// <summary>
    /// Issues for a key the platform itself holds (bootstrap: the administrator, the HTTPS
    /// server). The profile's rules still apply; there is no CSR to verify.
    /// </summary>
    internal async Task<IssuedCertificate> IssueForKeyAsync(
        string profileName, X509Name subject, SubjectPublicKeyInfo publicKey, IReadOnlyList<GeneralName> sans, CancellationToken cancellationToken)
    {
        if (!profiles.TryGet(profileName, out var profile))
        {
            throw new InvalidOperationException($"The profile '{profileName}' is missing.");
        }

        var csr = new ParsedCsr(subject, publicKey, Platform.Cryptography.PublicKeys.Describe(publicKey), sans);
        if (ProfilePolicy.Check(profile, csr) is { } error)
        {
            throw new InvalidOperationException($"The platform's own request breaks profile '{profileName}': {error.Message}");
        }

        return await SignAndStoreAsync(profile, csr, new IssuanceRequest(null, profileName, AuditActor.System), cancellationToken);
    }

    private async Task<IssuedCertificate> SignAndStoreAsync(
        CertificateProfile profile, ParsedCsr csr, IssuanceRequest request, CancellationToken cancellationToken)
    {
        var issuer = registry.Issuing;
        var now = time.GetUtcNow();
        var notBefore = TruncateToSeconds(now - Backdate);
        var issuerNotAfter = new DateTimeOffset(issuer.Certificate.NotAfter, TimeSpan.Zero);
        var notAfter = TruncateToSeconds(now + profile.Validity);
        if (notAfter > issuerNotAfter)
        {
            notAfter = issuerNotAfter;
        }

        var serial = SerialNumbers.Next();
        var certificate = CertificateSigner.Sign(issuer.SigningKey, issuer.Certificate.SubjectDN, csr.Subject, serial,
            notBefore, notAfter, csr.PublicKey, CertificateExtensions.ForLeaf(profile, csr, issuer, urls));
        var der = certificate.GetEncoded();
        var record = new CertificateRecord
        {
            SerialNumber = SerialNumbers.ToHex(serial),
            CaName = issuer.Name,
            Subject = csr.Subject.ToString(),
            Profile = profile.Name,
            NotBefore = notBefore,
            NotAfter = notAfter,
            Certificate = der,
            RequestedBy = Describe(request.Requester),
            IssuedAt = now,
        };

        // The certificate and its event commit together; the event is in the trail before anyone hears of the certificate.
        await store.AddCertificateAsync(record,
            IssuanceEvents.Issued(record, csr.Key.Description, request.Requester, request.SourceAddress, request.RequestId), cancellationToken);
        return new IssuedCertificate(record, PemText.Certificate(der), registry.ChainPem(issuer));
    }

    private async Task<IssuanceResult> RefuseAsync(IssuanceRequest request, IssuanceError error, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(Event(request, AuditOutcome.Failure, null, new Dictionary<string, string>
        {
            ["profile"] = request.Profile ?? "",
            ["code"] = error.Code.Value,
            ["reason"] = error.Message,
        }), cancellationToken);
        return IssuanceResult.Refused(error);
    }

    private static AuditEvent Event(IssuanceRequest request, AuditOutcome outcome, string? target, Dictionary<string, string> details) => new()
    {
        Module = IssuanceEvents.Module,
        Action = IssuanceEvents.Action,
        Outcome = outcome,
        Actor = request.Requester,
        Target = target,
        SourceAddress = request.SourceAddress,
        RequestId = request.RequestId,
        Details = details,
    };

    private static string Describe(AuditActor actor) =>
        actor.Subject is not null ? $"{actor.Subject} (serial {actor.Serial})" : actor.User ?? actor.ClientId ?? "anonymous";

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
