using Microsoft.Extensions.Logging;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Platform.Cryptography;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Keys.Pkcs11;

/// <summary>
/// Keeps every key in a PKCS#11 token. Keys are generated inside the token as token objects,
/// private (<c>CKA_PRIVATE</c>), sensitive (<c>CKA_SENSITIVE</c>) and not extractable
/// (<c>CKA_EXTRACTABLE</c> false), so the private key never exists outside it and nothing of
/// it is written to the data directory. The store's key id is the objects' <c>CKA_LABEL</c>
/// and, as UTF-8, their <c>CKA_ID</c>; <see cref="Open"/> finds a key by that id, in this or
/// any later process.
/// </summary>
internal sealed partial class Pkcs11KeyStore : IKeyStore, IDisposable
{
    private readonly Pkcs11Token token;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, ISigningKey> opened = new(StringComparer.Ordinal);

    private Pkcs11KeyStore(Pkcs11Token token, ILogger logger)
    {
        this.token = token;
        this.logger = logger;
    }

    /// <summary>The token the keys live in.</summary>
    internal Pkcs11Token Token => token;

    /// <summary>
    /// Loads the library, finds the token and logs in. A configuration fault (no library, no
    /// such token, a refused PIN) throws <see cref="InvalidOperationException"/> naming the setting.
    /// </summary>
    public static Pkcs11KeyStore Connect(Pkcs11Settings settings, ILogger logger) =>
        new(ConnectToken(settings, logger), logger);

    /// <summary>Loads the library and logs in to the configured token (shared by the key store and the wrapped KEK).</summary>
    internal static Pkcs11Token ConnectToken(Pkcs11Settings settings, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(settings.Library))
        {
            throw new InvalidOperationException("Platform:KeyStore:Pkcs11:Library is required when Platform:KeyStore:Provider is Pkcs11.");
        }

        if (string.IsNullOrWhiteSpace(settings.TokenLabel))
        {
            throw new InvalidOperationException("Platform:KeyStore:Pkcs11:TokenLabel is required when Platform:KeyStore:Provider is Pkcs11.");
        }

        var (pin, pinSource) = Pkcs11Pin.Resolve(settings);
        if (!File.Exists(settings.Library))
        {
            throw new InvalidOperationException($"Platform:KeyStore:Pkcs11:Library '{settings.Library}': the file does not exist.");
        }

        Pkcs11Module module;
        try
        {
            module = Pkcs11Module.Acquire(settings.Library);
        }
        catch (Exception e) when (e is Pkcs11Exception or UnmanagedException or DllNotFoundException or BadImageFormatException)
        {
            throw new InvalidOperationException($"Platform:KeyStore:Pkcs11:Library '{settings.Library}' could not be loaded as a PKCS#11 library: {e.Message}", e);
        }

        var sessions = settings.MaxSessions ?? Math.Max(4, 2 * Environment.ProcessorCount);
        if (sessions < 1)
        {
            module.Dispose();
            throw new InvalidOperationException($"Platform:KeyStore:Pkcs11:MaxSessions must be at least 1, not {sessions}.");
        }

        var token = Pkcs11Token.Open(module, settings.TokenLabel, pin, pinSource, sessions, settings.SessionWait, logger);
        LogConnected(logger, token.Label, settings.Library, sessions);
        return token;
    }

    public ISigningKey Create(KeyAlgorithm algorithm, string label)
    {
        if (label.Length == 0 || label.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            throw new ArgumentException("A key label is one or more letters, digits and '-'.", nameof(label));
        }

        var generation = Pkcs11Algorithms.KeyPairGeneration(algorithm)
            ?? throw new NotSupportedException(
                $"The Pkcs11 key store cannot create {algorithm.Name()} keys: PKCS#11 defines no standard mechanism for them. " +
                $"Keys of {algorithm.Name()} need Platform:KeyStore:Provider Software.");
        foreach (var mechanism in new[] { generation, Pkcs11Algorithms.SigningMechanism(algorithm.DefaultScheme()) })
        {
            if (!token.Mechanisms.Contains(mechanism))
            {
                throw new NotSupportedException(
                    $"The Pkcs11 key store cannot create {algorithm.Name()} keys: token '{token.Label}' does not offer {Name(mechanism)}.");
            }
        }

        var id = $"{label}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var key = token.Run("generate " + id, session => Generate(session, algorithm, generation, id));
        LogCreated(logger, id, algorithm.Name(), token.Label);
        return opened.GetOrAdd(id, key);
    }

    public ISigningKey Open(string keyId) => opened.GetOrAdd(keyId, id => token.Run("open " + id, session => Load(session, id)));

    public void Dispose() => token.Dispose();

    private Pkcs11SigningKey Generate(ISession session, KeyAlgorithm algorithm, CKM mechanism, string id)
    {
        var attributes = Pkcs11Token.Factories.ObjectAttributeFactory;
        var objectId = Encoding.UTF8.GetBytes(id);
        List<IObjectAttribute> publicTemplate =
        [
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_PRIVATE, false),
            attributes.Create(CKA.CKA_VERIFY, true),
            attributes.Create(CKA.CKA_LABEL, id),
            attributes.Create(CKA.CKA_ID, objectId),
        ];
        if (mechanism == CKM.CKM_RSA_PKCS_KEY_PAIR_GEN)
        {
            publicTemplate.Add(attributes.Create(CKA.CKA_MODULUS_BITS, Pkcs11Algorithms.ModulusBits(algorithm)));
            publicTemplate.Add(attributes.Create(CKA.CKA_PUBLIC_EXPONENT, new byte[] { 0x01, 0x00, 0x01 }));
        }
        else
        {
            publicTemplate.Add(attributes.Create(CKA.CKA_EC_PARAMS, Pkcs11Algorithms.EcParameters(algorithm)));
        }

        List<IObjectAttribute> privateTemplate =
        [
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_PRIVATE, true),
            attributes.Create(CKA.CKA_SENSITIVE, true),
            attributes.Create(CKA.CKA_EXTRACTABLE, false),
            attributes.Create(CKA.CKA_SIGN, true),
            attributes.Create(CKA.CKA_LABEL, id),
            attributes.Create(CKA.CKA_ID, objectId),
        ];
        if (mechanism == CKM.CKM_RSA_PKCS_KEY_PAIR_GEN)
        {
            // A signing key only: it never decrypts, so it cannot be used as a decryption oracle.
            privateTemplate.Add(attributes.Create(CKA.CKA_DECRYPT, false));
        }

        using var generationMechanism = Pkcs11Token.Factories.MechanismFactory.Create(mechanism);
        session.GenerateKeyPair(generationMechanism, publicTemplate, privateTemplate, out var publicKey, out var privateKey);
        try
        {
            RequireProtected(session, privateKey, id);
            return new Pkcs11SigningKey(token, id, algorithm, PublicKeyInfo(session, publicKey, algorithm));
        }
        catch
        {
            session.DestroyObject(privateKey);
            session.DestroyObject(publicKey);
            throw;
        }
    }

    private Pkcs11SigningKey Load(ISession session, string id)
    {
        var objectId = Encoding.UTF8.GetBytes(id);
        var privateKey = Pkcs11SigningKey.Find(session, objectId, CKO.CKO_PRIVATE_KEY)
            ?? throw new KeyNotFoundException($"No key {id} in PKCS#11 token '{token.Label}'.");
        var publicKey = Pkcs11SigningKey.Find(session, objectId, CKO.CKO_PUBLIC_KEY)
            ?? throw new KeyNotFoundException($"The key {id} in PKCS#11 token '{token.Label}' has no public key object.");
        var algorithm = AlgorithmOf(session, publicKey, id);
        return new Pkcs11SigningKey(token, id, algorithm, PublicKeyInfo(session, publicKey, algorithm));
    }

    /// <summary>A token may ignore a template attribute; the key is kept only if it really is protected.</summary>
    private void RequireProtected(ISession session, IObjectHandle privateKey, string id)
    {
        var values = session.GetAttributeValue(privateKey, [CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE, CKA.CKA_PRIVATE, CKA.CKA_TOKEN]);
        if (!values[0].GetValueAsBool() || values[1].GetValueAsBool() || !values[2].GetValueAsBool() || !values[3].GetValueAsBool())
        {
            throw new CryptographicException(
                $"PKCS#11 token '{token.Label}' generated {id} without CKA_SENSITIVE, CKA_PRIVATE and CKA_TOKEN set or with CKA_EXTRACTABLE; the key was destroyed.");
        }
    }

    private KeyAlgorithm AlgorithmOf(ISession session, IObjectHandle publicKey, string id)
    {
        var type = (CKK)session.GetAttributeValue(publicKey, [CKA.CKA_KEY_TYPE])[0].GetValueAsUlong();
        if (type == CKK.CKK_RSA)
        {
            var modulus = session.GetAttributeValue(publicKey, [CKA.CKA_MODULUS])[0].GetValueAsByteArray();
            var bits = modulus.SkipWhile(b => b == 0).Count() * 8;
            return Pkcs11Algorithms.RsaOfBits(bits)
                ?? throw new CryptographicException($"The key {id} in PKCS#11 token '{token.Label}' is RSA with {bits} bits, which the platform does not use.");
        }

        var curve = Pkcs11Algorithms.CurveOf(session.GetAttributeValue(publicKey, [CKA.CKA_EC_PARAMS])[0].GetValueAsByteArray());
        return (type, curve) switch
        {
            (CKK.CKK_EC, Pkcs11Algorithms.P256) => KeyAlgorithm.EcdsaP256,
            (CKK.CKK_EC, Pkcs11Algorithms.P384) => KeyAlgorithm.EcdsaP384,
            (Pkcs11Algorithms.EdwardsKeyType, Pkcs11Algorithms.Ed25519Oid) => KeyAlgorithm.Ed25519,
            _ => throw new CryptographicException($"The key {id} in PKCS#11 token '{token.Label}' is of type {type} on curve {curve}, which the platform does not use."),
        };
    }

    private static byte[] PublicKeyInfo(ISession session, IObjectHandle publicKey, KeyAlgorithm algorithm)
    {
        if (algorithm is KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096)
        {
            var rsa = session.GetAttributeValue(publicKey, [CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT]);
            return Pkcs11Algorithms.RsaSubjectPublicKeyInfo(rsa[0].GetValueAsByteArray(), rsa[1].GetValueAsByteArray());
        }

        var ec = session.GetAttributeValue(publicKey, [CKA.CKA_EC_PARAMS, CKA.CKA_EC_POINT]);
        var curve = Pkcs11Algorithms.CurveOf(ec[0].GetValueAsByteArray())
            ?? throw new CryptographicException("The token's public key names its curve in a form the platform does not read.");
        return Pkcs11Algorithms.EcSubjectPublicKeyInfo(curve, ec[1].GetValueAsByteArray());
    }

    private static string Name(CKM mechanism) => mechanism switch
    {
        Pkcs11Algorithms.EdwardsKeyPairGen => "CKM_EC_EDWARDS_KEY_PAIR_GEN",
        Pkcs11Algorithms.EdDsa => "CKM_EDDSA",
        _ => mechanism.ToString(),
    };

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Keys are held in PKCS#11 token {Label} ({Library}), at most {Sessions} sessions at once")]
    private static partial void LogConnected(ILogger logger, string label, string library, int sessions);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Generated {Algorithm} key {KeyId} in PKCS#11 token {Label}")]
    private static partial void LogCreated(ILogger logger, string keyId, string algorithm, string label);
}
