using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Acme.Jws;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Profiles;
using Pki.Ca.Registration;
using Platform.Auditing;

namespace Pki.Ca.Acme;

/// <summary>
/// ACME orders (RFC 8555 §7.4): a new order for DNS names, each with an authorization of its own;
/// finalization with a CSR for exactly those names, which the CA signs and stores in one
/// transaction with the order; the certificate chain. An account of a department orders only
/// names in the department's DNS name spaces, under the profiles it may use, within its quota.
/// </summary>
internal sealed class AcmeOrders(
    IAcmeStore store, IRegistrationStore departments, CertificateIssuer issuer, ProfileCatalog profiles, CaRegistry registry,
    Storage.ICaStore certificates, IAuditTrail audit, IOptions<CaOptions> options, TimeProvider time)
{
    private const int MaxIdentifiers = 100;

    public async Task<AcmeOrder> CreateAsync(HttpContext context, AcmeRequest request)
    {
        var account = request.Signer;
        var payload = request.Payload();
        try
        {
            var department = account.Department is null ? null : await departments.GetDepartmentAsync(account.Department, context.RequestAborted);
            if (account.Department is not null && department is null)
            {
                throw new AcmeRefusal(AcmeProblems.Unauthorized, $"The account's department '{account.Department}' no longer exists.");
            }

            var profile = Profile(payload, department);
            var names = Identifiers(payload, department, profile);
            if (payload.TryGetProperty("notBefore", out _) || payload.TryGetProperty("notAfter", out _))
            {
                throw new AcmeRefusal(AcmeProblems.Malformed, $"notBefore and notAfter are not taken: the profile '{profile.Name}' sets the validity.");
            }

            var replaces = await ReplacesAsync(payload, account, context.RequestAborted);
            var now = time.GetUtcNow();
            var expires = now + options.Value.Acme.OrderLifetime;
            var id = NewId();
            var authorizations = names.Select(name => new AcmeAuthorization(NewId(), id, account.Id, name.TrimStart('*', '.'), name.StartsWith("*.", StringComparison.Ordinal),
                AcmeAuthorization.Pending, expires, NewToken(), null, null, null)).ToList();
            var order = new AcmeOrder(id, account.Id, account.Department, profile.Name, names, expires, null, null, null, replaces, now, authorizations);
            await store.AddOrderAsync(order, AcmeEvents.Of(context, AcmeEvents.Actor(account.Id), AcmeEvents.OrderCreate, AuditOutcome.Success, "acme-order:" + id, new()
            {
                ["identifiers"] = string.Join(',', names),
                ["profile"] = profile.Name,
                ["department"] = account.Department ?? "",
                ["replaces"] = replaces ?? "",
            }), context.RequestAborted);
            return order;
        }
        catch (AcmeRefusal refusal)
        {
            await audit.RecordAsync(AcmeEvents.Refused(context, AcmeEvents.Actor(account.Id), AcmeEvents.OrderCreate, null, refusal), context.RequestAborted);
            throw;
        }
    }

    /// <summary>The order, when it is the account's.</summary>
    public async Task<AcmeOrder> GetAsync(HttpContext context, AcmeRequest request, string id) =>
        await store.GetOrderAsync(id, context.RequestAborted) is { } order && order.AccountId == request.Signer.Id
            ? order
            : throw new AcmeRefusal(AcmeProblems.Unauthorized, "There is no such order of this account.") { Status = StatusCodes.Status404NotFound };

    public async Task<AcmeOrder> FinalizeAsync(HttpContext context, AcmeRequest request, string id)
    {
        var account = request.Signer;
        try
        {
            var order = await GetAsync(context, request, id);
            var now = time.GetUtcNow();
            if (order.StatusAt(now) != "ready")
            {
                throw new AcmeRefusal(AcmeProblems.OrderNotReady, $"The order is {order.StatusAt(now)}, not ready: finalize once every authorization is valid, and once only.");
            }

            var payload = request.Payload();
            if (!payload.TryGetProperty("csr", out var csrText) || csrText.ValueKind != JsonValueKind.String || !Base64Url.TryDecode(csrText.GetString(), out var der))
            {
                throw new AcmeRefusal(AcmeProblems.Malformed, "csr is the base64url DER of a PKCS#10 request.");
            }

            var actor = AcmeEvents.Actor(account.Id);
            var issuance = new IssuanceRequest(PemText.CertificateRequest(der), order.Profile, actor, context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier);
            var (checkedRequest, invalid) = issuer.Check(issuance);
            if (invalid is not null)
            {
                throw new AcmeRefusal(AcmeProblems.BadCsr, invalid.Message);
            }

            CheckNames(checkedRequest!.Csr, order, request.Key);
            int? quota = null;
            if (order.Department is { } departmentName)
            {
                var department = await departments.GetDepartmentAsync(departmentName, context.RequestAborted)
                    ?? throw new AcmeRefusal(AcmeProblems.Unauthorized, $"The account's department '{departmentName}' no longer exists.");
                if (DepartmentNameSpaces.Outside(department, checkedRequest.Csr) is { } outside)
                {
                    throw new AcmeRefusal(AcmeProblems.RejectedIdentifier, outside);
                }

                quota = department.MaxCertificates;
            }

            var (signed, error) = issuer.Sign(issuance);
            if (error is not null)
            {
                throw new AcmeRefusal(AcmeProblems.BadCsr, error.Message);
            }

            var issued = signed! with
            {
                Record = signed.Record with { RequestedBy = $"ACME account {account.Id}, order {order.Id}" },
                Event = signed.Event with
                {
                    Details = new Dictionary<string, string>(signed.Event.Details) { ["acmeOrder"] = order.Id, ["acmeAccount"] = account.Id, ["department"] = order.Department ?? "" },
                },
            };
            return await store.FinalizeAsync(order, quota, issued, now, context.RequestAborted) switch
            {
                FinalizeOutcome.Issued => Issued(order, issued.Record),
                FinalizeOutcome.QuotaExceeded => throw new AcmeRefusal(AcmeProblems.RateLimited,
                    $"Department '{order.Department}' holds {quota} valid certificates and open requests, its quota."),
                _ => throw new AcmeRefusal(AcmeProblems.OrderNotReady, "The order was finalized meanwhile."),
            };
        }
        catch (AcmeRefusal refusal)
        {
            await audit.RecordAsync(AcmeEvents.Refused(context, AcmeEvents.Actor(account.Id), AcmeEvents.OrderFinalize, "acme-order:" + Printable(id), refusal),
                context.RequestAborted);
            throw;
        }
    }

    /// <summary>The order's certificate and the CAs above it, up to (not including) the root: <c>application/pem-certificate-chain</c>.</summary>
    public async Task<string> ChainAsync(HttpContext context, AcmeRequest request, string orderId)
    {
        var order = await GetAsync(context, request, orderId);
        var record = order.Serial is null ? null : await certificates.GetCertificateAsync(order.Serial, context.RequestAborted);
        if (record is null)
        {
            throw new AcmeRefusal(AcmeProblems.Unauthorized, "The order has no certificate yet.") { Status = StatusCodes.Status404NotFound };
        }

        var chain = registry.TryGet(record.CaName, out var ca) ? registry.Chain(ca).Where(c => !c.Certificate.IssuerDN.Equivalent(c.Certificate.SubjectDN)).Select(c => c.Der) : [];
        return string.Concat(new[] { record.Certificate }.Concat(chain).Select(der => PemText.Certificate(der)));
    }

    private CertificateProfile Profile(JsonElement payload, Department? department)
    {
        var allowed = department?.Profiles;
        string name;
        if (payload.TryGetProperty("profile", out var requested))
        {
            name = requested.ValueKind == JsonValueKind.String ? requested.GetString()! : throw new AcmeRefusal(AcmeProblems.Malformed, "profile is a profile's name.");
        }
        else
        {
            name = allowed is null || allowed.Contains(options.Value.Acme.Profile, StringComparer.Ordinal) ? options.Value.Acme.Profile : allowed.FirstOrDefault() ?? "";
        }

        if ((allowed is not null && !allowed.Contains(name, StringComparer.Ordinal)) || (allowed is null && name != options.Value.Acme.Profile)
            || !profiles.TryGet(name, out var profile))
        {
            throw new AcmeRefusal(AcmeProblems.Malformed, allowed is null
                ? $"Orders here are for the profile '{options.Value.Acme.Profile}'."
                : $"The account's department may use the profiles {string.Join(", ", allowed)}.");
        }

        return profile;
    }

    private static List<string> Identifiers(JsonElement payload, Department? department, CertificateProfile profile)
    {
        if (!payload.TryGetProperty("identifiers", out var identifiers) || identifiers.ValueKind != JsonValueKind.Array
            || identifiers.GetArrayLength() is 0 or > MaxIdentifiers)
        {
            throw new AcmeRefusal(AcmeProblems.Malformed, $"identifiers is an array of 1 to {MaxIdentifiers} identifiers.");
        }

        var names = new List<string>();
        foreach (var identifier in identifiers.EnumerateArray())
        {
            if (identifier.ValueKind != JsonValueKind.Object || !identifier.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !identifier.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
            {
                throw new AcmeRefusal(AcmeProblems.Malformed, "An identifier is {\"type\": \"dns\", \"value\": \"<name>\"}.");
            }

            if (type.GetString() != "dns")
            {
                throw new AcmeRefusal(AcmeProblems.UnsupportedIdentifier, $"Identifiers here are DNS names, not '{type.GetString()}'.");
            }

            var name = value.GetString()!;
            if (!ProfilePolicy.IsDnsName(name, allowWildcard: true) || name != name.ToLowerInvariant() || !name.Contains('.', StringComparison.Ordinal))
            {
                throw new AcmeRefusal(AcmeProblems.RejectedIdentifier, $"'{Printable(name)}' is not a fully qualified DNS name in lower case.");
            }

            if (name.StartsWith("*.", StringComparison.Ordinal) && !profile.AllowWildcardDns)
            {
                throw new AcmeRefusal(AcmeProblems.RejectedIdentifier, $"The profile '{profile.Name}' issues no wildcard names.");
            }

            if (department is not null && !DepartmentNameSpaces.HoldsDnsName(department, name.TrimStart('*', '.')))
            {
                throw new AcmeRefusal(AcmeProblems.RejectedIdentifier,
                    $"'{name}' is not at or under the DNS suffixes of department '{department.Name}' ({string.Join(", ", department.DnsSuffixes)}).");
            }

            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>RFC 9773 §5: the certificate an order replaces is the account's, and not replaced by another live order.</summary>
    private async Task<string?> ReplacesAsync(JsonElement payload, AcmeAccount account, CancellationToken cancellationToken)
    {
        if (!payload.TryGetProperty("replaces", out var replaces))
        {
            return null;
        }

        var certificateId = replaces.ValueKind == JsonValueKind.String ? replaces.GetString()! : "";
        var serial = RenewalInfo.Serial(certificateId) ?? throw new AcmeRefusal(AcmeProblems.Malformed, "replaces is a certificate's ARI identifier (RFC 9773 §4.1).");
        if (await store.FindOrderBySerialAsync(serial, cancellationToken) is not { } replaced || replaced.AccountId != account.Id)
        {
            throw new AcmeRefusal(AcmeProblems.Malformed, "replaces names no certificate this account ordered.");
        }

        return await store.IsReplacedAsync(certificateId, time.GetUtcNow(), cancellationToken)
            ? throw new AcmeRefusal(AcmeProblems.AlreadyReplaced, "Another order replaces that certificate already.")
            : certificateId;
    }

    /// <summary>RFC 8555 §7.4: the CSR names exactly the order's identifiers (the common name, if any, one of them), with a key that is not the account's.</summary>
    private static void CheckNames(ParsedCsr csr, AcmeOrder order, AccountKey accountKey)
    {
        var sans = csr.SubjectAlternativeNames;
        if (sans.Any(n => n.TagNo != GeneralName.DnsName))
        {
            throw new AcmeRefusal(AcmeProblems.BadCsr, "The CSR may name DNS names only.");
        }

        var requested = sans.Select(n => ProfilePolicy.Text(n).ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        if (!requested.SequenceEqual(order.Identifiers, StringComparer.Ordinal))
        {
            throw new AcmeRefusal(AcmeProblems.BadCsr, $"The CSR's DNS names must be the order's identifiers: {string.Join(", ", order.Identifiers)}.");
        }

        var commonNames = csr.Subject.GetValueList(X509Name.CN).Cast<string>().ToList();
        if (commonNames.Count > 1 || commonNames.Any(cn => !order.Identifiers.Contains(cn.ToLowerInvariant(), StringComparer.Ordinal)))
        {
            throw new AcmeRefusal(AcmeProblems.BadCsr, "The CSR's common name, when it has one, is one of the order's identifiers.");
        }

        if (csr.PublicKey.GetEncoded().AsSpan().SequenceEqual(accountKey.SubjectPublicKeyInfo()))
        {
            throw new AcmeRefusal(AcmeProblems.BadCsr, "The certificate's key must not be the account's key.");
        }
    }

    private AcmeOrder Issued(AcmeOrder order, Storage.CertificateRecord record)
    {
        issuer.Stored(record);
        return order with { Serial = record.SerialNumber };
    }

    private static string NewId() => Guid.NewGuid().ToString("n");

    private static string NewToken() => Base64Url.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static string Printable(string text) => text.Length <= 64 && text.All(c => !char.IsControl(c)) ? text : "(not a name)";
}
