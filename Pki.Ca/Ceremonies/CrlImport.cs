using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using Pki.Ca.Hierarchy;
using Pki.Ca.Storage;
using System.Globalization;

namespace Pki.Ca.Ceremonies;

/// <summary>
/// Stores the CRLs that a CA whose key is offline signed where its key is (<c>pki crl sign</c>),
/// so the server serves them at the CA's CRL URLs. Each is checked first: signed by that CA's
/// key, current, and numbered after every CRL of it stored here, so an old or forged CRL can
/// never replace a newer one.
/// </summary>
public sealed class CrlImport(IRevocationStore store, CaRegistry registry, TimeProvider time)
{
    /// <summary>How far a CRL's thisUpdate may lie ahead of this machine's clock.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Imports a full CRL and, optionally, the delta CRL signed with it; false when that full CRL is stored already.</summary>
    public async Task<(StoredCrl Full, StoredCrl? Delta, bool Imported)> ImportAsync(
        byte[] fullContent, byte[]? deltaContent, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (ca, full) = Check(CeremonyFiles.Crl(fullContent, "CRL"), "CRL", now, delta: false);
        var latest = await store.LatestCrlAsync(ca.Name, delta: false, cancellationToken);
        if (latest is not null && latest.Number == full.Number && latest.Der.AsSpan().SequenceEqual(full.Der))
        {
            return (latest, await store.LatestCrlAsync(ca.Name, delta: true, cancellationToken), false);
        }

        var (storedFull, storedDelta) = await store.LatestCrlNumbersAsync(ca.Name, cancellationToken);
        var newest = Math.Max(storedFull, storedDelta);
        if (full.Number <= newest)
        {
            throw new CeremonyException($"CRL {full.Number} of '{ca.Name}' is not newer than CRL {newest} stored here; nothing was imported.");
        }

        StoredCrl? delta = null;
        if (deltaContent is not null)
        {
            var (deltaCa, checkedDelta) = Check(CeremonyFiles.Crl(deltaContent, "delta CRL"), "delta CRL", now, delta: true);
            if (deltaCa != ca || checkedDelta.Number <= newest || checkedDelta.Number == full.Number || checkedDelta.BaseNumber > full.Number)
            {
                throw new CeremonyException(
                    $"The delta CRL ({checkedDelta.Number} of '{deltaCa.Name}', base {checkedDelta.BaseNumber}) does not go with CRL {full.Number} of '{ca.Name}'; nothing was imported.");
            }

            delta = checkedDelta;
        }

        await store.ImportCrlsAsync(delta is null ? [full] : [full, delta], CeremonyEvents.Success("crl.import", ca.Name, new()
        {
            ["number"] = full.Number.ToString(CultureInfo.InvariantCulture),
            ["deltaNumber"] = delta?.Number.ToString(CultureInfo.InvariantCulture) ?? "",
            ["thisUpdate"] = full.ThisUpdate.ToString("O"),
            ["nextUpdate"] = full.NextUpdate.ToString("O"),
        }), cancellationToken);
        return (full, delta, true);
    }

    /// <summary>The offline CA that signed <paramref name="crl"/>, and the CRL as stored; refused unless it is current and of the kind expected.</summary>
    private (CertificateAuthority Ca, StoredCrl Crl) Check(X509Crl crl, string role, DateTimeOffset now, bool delta)
    {
        var ca = registry.All.FirstOrDefault(a => a.Certificate.SubjectDN.Equivalent(crl.IssuerDN) && CeremonyFiles.IsSignedBy(crl, a.PublicKeyInfo))
            ?? throw new CeremonyException($"No CA here signed the {role} (issuer {crl.IssuerDN}); nothing was imported.");
        if (!ca.IsOffline)
        {
            throw new CeremonyException($"The key of CA '{ca.Name}' is here and signs its CRLs; only the CRLs of an offline CA are imported.");
        }

        var number = Integer(crl, X509Extensions.CrlNumber)
            ?? throw new CeremonyException($"The {role} has no CRL number; nothing was imported.");
        var baseNumber = Integer(crl, X509Extensions.DeltaCrlIndicator);
        if (baseNumber is null == delta)
        {
            throw new CeremonyException(delta ? $"The {role} is a full CRL, not a delta CRL." : $"The {role} is a delta CRL; give it with --delta beside its full CRL.");
        }

        var thisUpdate = new DateTimeOffset(crl.ThisUpdate, TimeSpan.Zero);
        if (crl.NextUpdate is not { } next || new DateTimeOffset(next, TimeSpan.Zero) <= now || thisUpdate > now + ClockSkew)
        {
            throw new CeremonyException($"The {role} is not current (thisUpdate {crl.ThisUpdate:u}, nextUpdate {crl.NextUpdate:u}); sign a new one.");
        }

        return (ca, new StoredCrl(ca.Name, number, baseNumber, thisUpdate, new DateTimeOffset(next, TimeSpan.Zero), crl.GetEncoded()));
    }

    private static long? Integer(X509Crl crl, DerObjectIdentifier extension)
    {
        if (crl.GetExtensionValue(extension) is not { } value)
        {
            return null;
        }

        try
        {
            return DerInteger.GetInstance(X509ExtensionUtilities.FromExtensionValue(value)).LongValueExact;
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or IOException or InvalidCastException)
        {
            throw new CeremonyException($"The CRL's extension {extension} is not an integer that fits ({e.Message}).");
        }
    }
}
