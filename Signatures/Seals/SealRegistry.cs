using Microsoft.Extensions.Logging;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Certificates;
using Platform.Cryptography;
using Platform.Hosting;
using Platform.Http;
using Platform.Keys;
using Signatures.Cades;
using System.Collections.Concurrent;

namespace Signatures.Seals;

/// <summary>
/// The departments' seals, kept in memory so that signing reads no database: all are loaded at start,
/// and one made on another node is read once, the first time it is asked for. Making a seal creates
/// its key in the key store, has the platform's CA certify it (<c>document-signing</c>), then writes
/// the row and its <c>seal.create</c> event in one transaction. A crash before that commit leaves at
/// most an unused key and certificate behind, never a row without a key: a retry simply makes a new
/// pair. One seal per department; a second creation is refused (no renewal yet).
/// </summary>
internal sealed partial class SealRegistry(
    SealStore store, IKeyStore keys, IAuditTrail audit, TimeProvider time, ILogger<SealRegistry> logger, IPlatformCertificateIssuer? issuer = null) : IStartupTask
{
    /// <summary>The certificate profile of seals.</summary>
    public const string Profile = "document-signing";

    private readonly ConcurrentDictionary<string, LoadedSeal> loaded = new(StringComparer.Ordinal);

    /// <summary>After the CA (100) and the modules whose certificates it issues at start.</summary>
    public int Order => 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var seal in await store.ListAsync(cancellationToken))
        {
            loaded[seal.Department] = Load(seal);
        }

        LogLoaded(logger, loaded.Count);
    }

    /// <summary>The seal of <paramref name="department"/>, ready to sign; null when it has none.</summary>
    public async ValueTask<LoadedSeal?> FindAsync(string department, CancellationToken cancellationToken)
    {
        if (loaded.TryGetValue(department, out var seal))
        {
            return seal;
        }

        // Made on another node since this one started.
        return await store.GetAsync(department, cancellationToken) is { } stored ? loaded.GetOrAdd(department, _ => Load(stored)) : null;
    }

    /// <summary>Every seal, by department.</summary>
    public Task<IReadOnlyList<Seal>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>
    /// Makes the seal of <paramref name="department"/> with a key of <paramref name="algorithmName"/> (ECDSA-P256
    /// when null). <paramref name="origin"/> is the request's event, whose outcome and details are filled in.
    /// </summary>
    public async Task<SealResult<Seal>> CreateAsync(string? department, string? algorithmName, AuditEvent origin, CancellationToken cancellationToken)
    {
        if (!EntityNames.IsValid(department))
        {
            return await RefuseAsync(origin, null, ProblemCodes.SealDepartmentInvalid,
                "department is required: 1 to 64 letters, digits, '.', '_' and '-'.", cancellationToken);
        }

        var algorithm = KeyAlgorithm.EcdsaP256;
        if (algorithmName is not null && !KeyAlgorithmNames.TryParse(algorithmName, out algorithm))
        {
            return await RefuseAsync(origin, department, ProblemCodes.SealAlgorithmInvalid,
                $"algorithm is one of {string.Join(", ", KeyAlgorithmNames.All)}.", cancellationToken);
        }

        if (await FindAsync(department!, cancellationToken) is not null)
        {
            return await RefuseAsync(origin, department, ProblemCodes.SealExists, $"Department {department} has a seal already.", cancellationToken);
        }

        if (issuer is null)
        {
            return await RefuseAsync(origin, department, ProblemCodes.SealUnavailable, "This node hosts no certificate authority to certify a seal.", cancellationToken);
        }

        ISigningKey key;
        PlatformCertificate certificate;
        try
        {
            // Generating an RSA key takes a while: not on the request's thread.
            key = await Task.Run(() => keys.Create(algorithm, "seal"), cancellationToken);
            certificate = await issuer.IssueAsync(Profile, $"CN=Seal of {department},OU={department}", key.SubjectPublicKeyInfo, cancellationToken);
        }
        catch (KeyStoreUnavailableException e)
        {
            return await RefuseAsync(origin, department, ProblemCodes.KeyStoreUnavailable, e.Message, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            return await RefuseAsync(origin, department, ProblemCodes.SealCertificateRefused, $"The CA refused to certify the seal's key: {e.Message}", cancellationToken);
        }

        var seal = new Seal(department!, key.Id, algorithm, certificate.SerialNumber, certificate.Certificate, certificate.Chain, time.GetUtcNow(),
            origin.Actor.Subject ?? origin.Actor.User ?? origin.Actor.ClientId ?? "unknown");
        var created = origin with
        {
            Outcome = AuditOutcome.Success,
            Target = department,
            Details = new Dictionary<string, string>
            {
                ["algorithm"] = algorithm.Name(),
                ["keyId"] = key.Id,
                ["serial"] = certificate.SerialNumber,
            },
        };
        if (!await store.TryAddAsync(seal, created, cancellationToken))
        {
            // A racing creation won; this key and certificate are left unused.
            return await RefuseAsync(origin, department, ProblemCodes.SealExists, $"Department {department} has a seal already.", cancellationToken);
        }

        loaded[seal.Department] = new LoadedSeal(seal, key, SignerCredential.Create(seal.Certificate, seal.Chain, key.Scheme));
        return new(seal);
    }

    private LoadedSeal Load(Seal seal)
    {
        var key = keys.Open(seal.KeyId);
        return new LoadedSeal(seal, key, SignerCredential.Create(seal.Certificate, seal.Chain, key.Scheme));
    }

    private async Task<SealResult<Seal>> RefuseAsync(AuditEvent origin, string? department, ProblemCode code, string detail, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(origin with
        {
            Outcome = AuditOutcome.Failure,
            Target = department,
            Details = new Dictionary<string, string> { ["code"] = code.Value, ["reason"] = detail },
        }, cancellationToken);
        return SealResult<Seal>.Refused(code, detail);
    }

    // The signature service logs in 8100-8199 (seals and signing).
    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Loaded {Count} department seals")]
    private static partial void LogLoaded(ILogger logger, int count);
}
