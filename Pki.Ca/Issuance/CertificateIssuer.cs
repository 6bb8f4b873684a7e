using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Profiles;
using Pki.Ca.Storage;
using Platform.Keys;
using Platform.Auditing;
using Platform.Http;

namespace Pki.Ca.Issuance;

/// <summary>
/// Issues end-entity certificates from an issuing CA (the one the request names, else the
/// profile's): parse and verify the request, check it against the profile, sign, record in the
/// audit trail, store durably, answer. Every step that refuses returns an
/// <see cref="IssuanceError"/>; every outcome is an audit event.
/// </summary>
public sealed class CertificateIssuer(
    CaRegistry registry, ProfileCatalog profiles, ICaStore store, IAuditTrail audit, TimeProvider time, PkiUrls urls, Metrics.CaMetrics metrics)
{
    /// <summary>How far notBefore is set back, so clients with a slightly slow clock accept a fresh certificate.</summary>
    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(1);

    /// <summary>Issues from a PEM CSR.</summary>
    public async Task<IssuanceResult> IssueAsync(IssuanceRequest request, CancellationToken cancellationToken = default)
    {
        var (signed, error) = Sign(request);
        if (error is not null)
        {
            return await RefuseAsync(request, error, cancellationToken);
        }

        // The certificate and its event commit together; the event is in the trail before anyone hears of the certificate.
        await store.AddCertificateAsync(signed!.Record, signed.Event, cancellationToken);
        Stored(signed.Record);
        return IssuanceResult.Success(signed.Issued);
    }

    /// <summary>
    /// The CA a profile issues from when the request names none: the one it is bound to; for the
    /// platform's TLS credentials the transport CA; else the default issuing CA.
    /// </summary>
    public CertificateAuthority DefaultCa(CertificateProfile profile) =>
        profile.Ca is { } bound && registry.TryGetCurrent(bound, out var ca) ? ca
        : profile.IsTransportCredential ? registry.TransportIssuing
        : registry.Issuing;

    /// <summary>
    /// The CA a request asked for, when it is an issuing CA that fits the profile: of the same
    /// algorithm as the CA a bound profile names (an SM2 profile is not issued by an ECDSA CA),
    /// and one TLS stacks accept for the platform's TLS credentials.
    /// </summary>
    private (CertificateAuthority? Ca, IssuanceError? Error) ChooseCa(CertificateProfile profile, string? requested)
    {
        var fallback = DefaultCa(profile);
        if (requested is null)
        {
            return (fallback, null);
        }

        // A CA's name issues from its current generation: after a rollover, "issuing" means the new key.
        if (!registry.TryGetCurrent(requested, out var ca) || !ca.IsIssuing || ca.IsOffline)
        {
            var issuing = string.Join(", ", registry.All.Where(a => a.IsIssuing && a.SupersededBy is null && !a.IsOffline).Select(a => a.Name));
            return (null, new(ProblemCodes.CaInvalid, ca is null
                ? $"There is no CA '{Printable(requested)}'; the issuing CAs are {issuing}."
                : $"CA '{requested}' is a root and issues only CA certificates; the issuing CAs are {issuing}."));
        }

        if (profile.Ca is not null && ca.Algorithm != fallback.Algorithm)
        {
            return (null, new(ProblemCodes.CaProfileMismatch,
                $"Profile '{profile.Name}' issues from {fallback.AlgorithmName} CA '{fallback.Name}'; CA '{ca.Name}' uses {ca.AlgorithmName}."));
        }

        if (profile.IsTransportCredential && !Hierarchy.HierarchyLayout.IsTlsCapable(ca.Algorithm))
        {
            return (null, new(ProblemCodes.CaProfileMismatch,
                $"Profile '{profile.Name}' issues certificates for the HTTPS listener; CA '{ca.Name}' uses {ca.AlgorithmName}, which TLS stacks do not accept."));
        }

        return (ca, null);
    }

    private static string Printable(string text) =>
        text.Length <= 64 && text.All(c => !char.IsControl(c)) ? text : "(not a CA name)";

    /// <summary>
    /// Issues for a key the platform itself holds (bootstrap: the administrator, the HTTPS
    /// server). The profile's rules still apply; there is no CSR to verify.
    /// </summary>
    internal async Task<IssuedCertificate> IssueForKeyAsync(
        string profileName, X509Name subject, SubjectPublicKeyInfo publicKey, IReadOnlyList<GeneralName> sans, CancellationToken cancellationToken,
        CertificateAuthority? ca = null)
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

        return await SignAndStoreAsync(ca ?? DefaultCa(profile), profile, csr, new IssuanceRequest(null, profileName, AuditActor.System), cancellationToken);
    }

    private async Task<IssuedCertificate> SignAndStoreAsync(
        CertificateAuthority issuer, CertificateProfile profile, ParsedCsr csr, IssuanceRequest request, CancellationToken cancellationToken)
    {
        var signed = Sign(issuer, profile, csr, request);
        // The certificate and its event commit together; the event is in the trail before anyone hears of the certificate.
        await store.AddCertificateAsync(signed.Record, signed.Event, cancellationToken);
        Stored(signed.Record);
        return signed.Issued;
    }

    /// <summary>
    /// Counts a certificate <see cref="Sign(IssuanceRequest)"/> made once its caller stored it (an
    /// approval, an ACME order, an EST enrollment): a signed certificate that was not stored was never issued.
    /// </summary>
    internal void Stored(CertificateRecord record) => metrics.CertificateIssued(record.CaName, record.Profile);

    /// <summary>
    /// Checks <paramref name="request"/> (<see cref="Check"/>) and signs it, without storing it: <see cref="IssueAsync"/> stores it at once, a registration
    /// officer's approval in the transaction that closes the request. Nothing exists of a
    /// certificate that is not stored: its serial is random and unused.
    /// </summary>
    internal (SignedCertificate? Signed, IssuanceError? Error) Sign(IssuanceRequest request)
    {
        var (checkedRequest, error) = Check(request);
        return error is not null ? (null, error) : Sign(checkedRequest!, request);
    }

    /// <summary>Signs a request <see cref="Check"/> passed, without checking it again (its CSR's signature was verified once).</summary>
    internal (SignedCertificate? Signed, IssuanceError? Error) Sign(CheckedRequest checkedRequest, IssuanceRequest request)
    {
        try
        {
            return (Sign(checkedRequest.Ca, checkedRequest.Profile, checkedRequest.Csr, request), null);
        }
        catch (KeyStoreUnavailableException e)
        {
            return (null, new(ProblemCodes.KeyStoreUnavailable, e.Message));
        }
    }

    /// <summary>
    /// Signs, without storing, a certificate for a key the platform generated on someone's behalf
    /// (the escrowed encryption key of a dual pair): <paramref name="names"/> carries the subject,
    /// the SANs and the generated public key, checked against the profile as a CSR would be;
    /// <paramref name="ca"/> is the CA that signed the pair's other half.
    /// </summary>
    internal (SignedCertificate? Signed, IssuanceError? Error) SignForGeneratedKey(
        string profileName, ParsedCsr names, CertificateAuthority ca, IssuanceRequest request)
    {
        if (!profiles.TryGet(profileName, out var profile))
        {
            return (null, new(ProblemCodes.ProfileUnknown, $"There is no certificate profile '{profileName}'."));
        }

        if (ProfilePolicy.Check(profile, names) is { } policyError)
        {
            return (null, policyError);
        }

        try
        {
            return (Sign(ca, profile, names, request), null);
        }
        catch (KeyStoreUnavailableException e)
        {
            return (null, new(ProblemCodes.KeyStoreUnavailable, e.Message));
        }
    }

    /// <summary>What <see cref="Sign(IssuanceRequest)"/> checks before it signs: the profile, the CA, the CSR and its signature, the profile's rules.</summary>
    internal (CheckedRequest? Checked, IssuanceError? Error) Check(IssuanceRequest request)
    {
        if (!profiles.TryGet(request.Profile, out var profile))
        {
            return (null, new(ProblemCodes.ProfileUnknown, $"There is no certificate profile '{request.Profile}'."));
        }

        var (issuer, caError) = ChooseCa(profile, request.Ca);
        if (caError is not null)
        {
            return (null, caError);
        }

        var (csr, parseError) = CsrParser.Parse(request.CsrPem);
        if (parseError is not null)
        {
            return (null, parseError);
        }

        return ProfilePolicy.Check(profile, csr!) is { } policyError ? (null, policyError) : (new CheckedRequest(profile, issuer!, csr!), null);
    }

    private SignedCertificate Sign(CertificateAuthority issuer, CertificateProfile profile, ParsedCsr csr, IssuanceRequest request)
    {
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

        return new SignedCertificate(record, IssuanceEvents.Issued(record, csr.Key.Description, request.Requester, request.SourceAddress, request.RequestId),
            new IssuedCertificate(record, PemText.Certificate(der), registry.ChainPem(issuer)));
    }

    private async Task<IssuanceResult> RefuseAsync(IssuanceRequest request, IssuanceError error, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string>
        {
            ["profile"] = request.Profile ?? "",
            ["code"] = error.Code.Value,
            ["reason"] = error.Message,
        };
        if (request.Ca is not null)
        {
            details["ca"] = Printable(request.Ca);
        }

        await audit.RecordAsync(Event(request, AuditOutcome.Failure, null, details), cancellationToken);
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
