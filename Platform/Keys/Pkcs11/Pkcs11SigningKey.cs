using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Platform.Cryptography;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Keys.Pkcs11;

/// <summary>
/// A private key that lives in a PKCS#11 token and never leaves it: every signature is made by
/// the token, on a session rented from the pool for that one operation. Thread-safe. Its
/// object handle is cached and looked up again (by <c>CKA_ID</c>) after the token reconnected.
/// </summary>
internal sealed class Pkcs11SigningKey : ISigningKey
{
    private readonly Pkcs11Token token;
    private readonly byte[] objectId;
    // A reference, so threads swap it whole: never a handle paired with the wrong generation.
    private volatile Tuple<int, IObjectHandle>? cached;

    public Pkcs11SigningKey(Pkcs11Token token, string id, KeyAlgorithm algorithm, byte[] subjectPublicKeyInfo, IObjectHandle? handle)
    {
        this.token = token;
        objectId = Encoding.UTF8.GetBytes(id);
        Id = id;
        Algorithm = algorithm;
        Scheme = algorithm.DefaultScheme();
        SubjectPublicKeyInfo = subjectPublicKeyInfo;
        if (handle is not null)
        {
            cached = Tuple.Create(token.Generation, handle);
        }
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
        var signature = token.Run("sign with " + Id, session =>
        {
            using var mechanism = CreateMechanism();
            return session.Sign(mechanism, Handle(session), input);
        });
        return Algorithm is KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 ? Pkcs11Algorithms.EcdsaToDer(signature) : signature;
    }

    public void Dispose()
    {
        // The key belongs to the token and the store; there is nothing per key to release.
    }

    private IMechanism CreateMechanism()
    {
        var factories = Pkcs11Token.Factories;
        var mechanism = Pkcs11Algorithms.SigningMechanism(Scheme);
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
            return factories.MechanismFactory.Create(mechanism, parameters);
        }

        return factories.MechanismFactory.Create(mechanism);
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

    /// <summary>The one object of <paramref name="objectClass"/> whose <c>CKA_ID</c> is <paramref name="id"/>, or null.</summary>
    public static IObjectHandle? Find(ISession session, byte[] id, CKO objectClass)
    {
        var attributes = Pkcs11Token.Factories.ObjectAttributeFactory;
        var found = session.FindAllObjects(
        [
            attributes.Create(CKA.CKA_CLASS, objectClass),
            attributes.Create(CKA.CKA_ID, id),
        ]);
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
