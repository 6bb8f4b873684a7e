using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Platform.Cryptography.Software;

/// <summary>An SM2 key signing with SM3 and the default user id through Bouncy Castle.</summary>
internal sealed class Sm2SigningKey(string id, ECPrivateKeyParameters privateKey) : ISigningKey
{
    public string Id => id;

    public KeyAlgorithm Algorithm => KeyAlgorithm.Sm2;

    public SignatureScheme Scheme => SignatureScheme.Sm2Sm3;

    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; } = PublicKeyOf(privateKey);

    public static Sm2SigningKey Load(string id, ReadOnlySpan<byte> pkcs8)
    {
        var key = (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(pkcs8.ToArray());
        return new Sm2SigningKey(id, new ECPrivateKeyParameters(key.D, Sm2.Domain));
    }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        // SM2Signer keeps per-message state, so each call gets its own.
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(privateKey, new SecureRandom()), Sm2.DefaultUserId));
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }

    public void Dispose()
    {
    }

    private static byte[] PublicKeyOf(ECPrivateKeyParameters key)
    {
        var q = key.Parameters.G.Multiply(key.D).Normalize();
        var publicKey = new ECPublicKeyParameters(q, Sm2.Domain);
        return SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetDerEncoded();
    }
}
