using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Platform.Cryptography;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Keys.Pkcs11;

/// <summary>
/// A private key that lives in a PKCS#11 token and never leaves it: every signature is made by
/// the token, on a session rented from the pool for that one operation. Thread-safe. Its token
/// object's handle is cached and looked up again (by <c>CKA_ID</c>) after the token
/// reconnected; each session signs through its own session-object copy of it.
/// </summary>
internal sealed class Pkcs11SigningKey : ISigningKey, ISchemeSelectable
{
    private readonly Pkcs11Token token;
    private readonly byte[] objectId;
    private readonly string operationName;
    // Made once: a mechanism is only read by C_SignInit, so every thread can pass the same one.
    private readonly IMechanism mechanism;
    // A reference, so threads swap it whole: never a handle paired with the wrong generation.
    private volatile Tuple<int, IObjectHandle>? cached;
    private readonly ConditionalWeakTable<ISession, IObjectHandle> copies = [];
    private volatile bool copyRefused;

    /// <summary>
    /// Held while searching for token objects and while copying a key into a session object.
    /// SoftHSM2's C_CopyObject creates the copy, copies every attribute of the original into it
    /// (<c>CKA_TOKEN</c> true among them) and only then applies the template's <c>CKA_TOKEN</c>
    /// false, so a search on another thread in between finds the half-made copy as a second token
    /// object. Session objects are visible only to this process, so a lock of the process is
    /// enough; searches and copies are rare (at open, and once per pooled session and key).
    /// </summary>
    internal static readonly Lock ObjectSearch = new();

    public Pkcs11SigningKey(Pkcs11Token token, string id, KeyAlgorithm algorithm, byte[] subjectPublicKeyInfo, SignatureScheme? scheme = null)
    {
        this.token = token;
        objectId = Encoding.UTF8.GetBytes(id);
        Id = id;
        Algorithm = algorithm;
        Scheme = scheme ?? algorithm.DefaultScheme();
        SubjectPublicKeyInfo = subjectPublicKeyInfo;
        operationName = "sign with " + id;
        mechanism = CreateMechanism();
    }

    public string Id { get; }

    public KeyAlgorithm Algorithm { get; }

    public SignatureScheme Scheme { get; }

    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        // ECDSA signs the hash (CKM_ECDSA); the other mechanisms hash inside the token.
        var input = Scheme is SignatureScheme.EcdsaSha256 or SignatureScheme.EcdsaSha384
            ? Hash(Scheme.HashAlgorithm(), data)
            : data.ToArray();
        var signature = token.Run(operationName, session => session.Sign(mechanism, SessionHandle(session), input));
        return Algorithm is KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 ? Pkcs11Algorithms.EcdsaToDer(signature) : signature;
    }

    // The token does the signing either way: only the mechanism differs.
    public ISigningKey WithScheme(SignatureScheme chosen) => chosen == Scheme ? this
        : Algorithm.Supports(chosen) ? new Pkcs11SigningKey(token, Id, Algorithm, SubjectPublicKeyInfo.ToArray(), chosen)
        : throw new ArgumentException($"An {Algorithm.Name()} key cannot sign with {chosen}.", nameof(chosen));

    public void Dispose()
    {
        // The key belongs to the token and the store, which outlive every caller; its
        // mechanism's few unmanaged bytes go with the process.
    }

    private IMechanism CreateMechanism()
    {
        var factories = Pkcs11Token.Factories;
        var type = Pkcs11Algorithms.SigningMechanism(Scheme);
        if (Scheme is SignatureScheme.RsaPssSha256 or SignatureScheme.RsaPssSha384 or SignatureScheme.RsaPssSha512)
        {
            // Salt as long as the hash, the parameters SignatureSchemes writes into certificates.
            var (hash, mgf, salt) = Scheme switch
            {
                SignatureScheme.RsaPssSha256 => (CKM.CKM_SHA256, CKG.CKG_MGF1_SHA256, 32UL),
                SignatureScheme.RsaPssSha384 => (CKM.CKM_SHA384, CKG.CKG_MGF1_SHA384, 48UL),
                _ => (CKM.CKM_SHA512, CKG.CKG_MGF1_SHA512, 64UL),
            };
            var parameters = factories.MechanismParamsFactory.CreateCkRsaPkcsPssParams((ulong)hash, (ulong)mgf, salt);
            return factories.MechanismFactory.Create(type, parameters);
        }

        return factories.MechanismFactory.Create(type);
    }

    private IObjectHandle Handle(ISession session)
    {
        var current = cached;
        if (current is not null && current.Item1 == token.Generation)
        {
            return current.Item2;
        }

        var generation = token.Generation;
        var handle = Find(session, objectId, CKO.CKO_PRIVATE_KEY)
            ?? throw new KeyStoreUnavailableException($"The private key {Id} is no longer in PKCS#11 token '{token.Label}'.");
        cached = Tuple.Create(generation, handle);
        return handle;
    }

    /// <summary>
    /// The key as this session's own session object (<c>CKA_TOKEN</c> false), copied from the
    /// token object once per session; the token object itself when the token refuses copies.
    /// The copy keeps <c>CKA_SENSITIVE</c> and <c>CKA_EXTRACTABLE</c> and never leaves the
    /// token; it exists because tokens such as SoftHSM2 re-read a token object's attributes
    /// from storage, under a lock per object, on every operation, while a session object is held
    /// in memory and belongs to one session, so threads signing with one key do not queue.
    /// It vanishes with its session.
    /// </summary>
    private IObjectHandle SessionHandle(ISession session)
    {
        if (copies.TryGetValue(session, out var copy))
        {
            return copy;
        }

        var tokenObject = Handle(session);
        if (copyRefused)
        {
            return tokenObject;
        }

        try
        {
            lock (ObjectSearch)
            {
                copy = session.CopyObject(tokenObject, [Pkcs11Token.Factories.ObjectAttributeFactory.Create(CKA.CKA_TOKEN, false)]);
            }
        }
        catch (Pkcs11Exception e) when (e.RV is CKR.CKR_ACTION_PROHIBITED or CKR.CKR_FUNCTION_NOT_SUPPORTED
            or CKR.CKR_ATTRIBUTE_READ_ONLY or CKR.CKR_TEMPLATE_INCONSISTENT or CKR.CKR_ATTRIBUTE_VALUE_INVALID)
        {
            copyRefused = true;
            return tokenObject;
        }

        copies.AddOrUpdate(session, copy);
        return copy;
    }

    /// <summary>The one token object of <paramref name="objectClass"/> whose <c>CKA_ID</c> is <paramref name="id"/>, or null.</summary>
    public static IObjectHandle? Find(ISession session, byte[] id, CKO objectClass)
    {
        var attributes = Pkcs11Token.Factories.ObjectAttributeFactory;
        List<IObjectHandle> found;
        lock (ObjectSearch)
        {
            found = session.FindAllObjects(
            [
                // Token objects only: the session copies share the id.
                attributes.Create(CKA.CKA_TOKEN, true),
                attributes.Create(CKA.CKA_CLASS, objectClass),
                attributes.Create(CKA.CKA_ID, id),
            ]);
        }

        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new CryptographicException($"The token holds {found.Count} {objectClass} objects with the id {Encoding.UTF8.GetString(id)}."),
        };
    }

    private static byte[] Hash(HashAlgorithmName name, ReadOnlySpan<byte> data) => name == HashAlgorithmName.SHA384
        ? SHA384.HashData(data)
        : SHA256.HashData(data);
}
