using Microsoft.Extensions.Logging;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Platform.Hosting;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Keys.Pkcs11;

/// <summary>
/// <c>Platform:Keys:KeyEncryptionKeySource</c> = <c>Pkcs11</c>: the key-encryption key lives in the
/// data directory only as <c>kek.wrapped</c>, AES-256-GCM encrypted by a non-extractable AES key
/// labelled <see cref="Label"/> that the token generates on first start. A copy of the data
/// directory is then useless without the token and its PIN.
/// File format (text, one line): <c>wkek1 &lt;base64(nonce ‖ ciphertext ‖ tag)&gt;</c>.
/// </summary>
internal static class Pkcs11WrappedKek
{
    /// <summary>The token label (and CKA_ID) of the wrapping key.</summary>
    public const string Label = "platform-kek-wrap";

    private const string Magic = "wkek1";
    private static readonly byte[] AssociatedData = Encoding.ASCII.GetBytes("platform key-encryption key");

    /// <summary>Unwraps <c>kek.wrapped</c>, or creates the wrapping key and a new wrapped KEK.</summary>
    public static byte[] Resolve(PlatformOptions options, ILogger logger)
    {
        var file = Path.Combine(options.DataDirectoryPath, "kek.wrapped");
        using var token = Pkcs11KeyStore.ConnectToken(options.KeyStore.Pkcs11, logger);
        if (File.Exists(file))
        {
            var parts = File.ReadAllText(file).Trim().Split(' ');
            if (parts.Length != 2 || parts[0] != Magic)
            {
                throw new InvalidOperationException($"{file} is not a wrapped key-encryption key.");
            }

            var wrapped = Convert.FromBase64String(parts[1]);
            return token.Run("unwrap the key-encryption key", session =>
            {
                var key = FindKey(session) ?? throw new InvalidOperationException(
                    $"The PKCS#11 token '{token.Label}' has no key '{Label}' to unwrap {file}.");
                try
                {
                    using var mechanism = Gcm(wrapped[..12]);
                    return session.Decrypt(mechanism, key, wrapped[12..]);
                }
                catch (Pkcs11Exception e)
                {
                    throw new InvalidOperationException($"The PKCS#11 key '{Label}' of token '{token.Label}' does not unwrap {file} ({e.RV}).", e);
                }
            });
        }

        var kek = RandomNumberGenerator.GetBytes(32);
        var sealedKek = token.Run("wrap the key-encryption key", session =>
        {
            var key = FindKey(session) ?? GenerateKey(session);
            var nonce = RandomNumberGenerator.GetBytes(12);
            using var mechanism = Gcm(nonce);
            return nonce.Concat(session.Encrypt(mechanism, key, kek)).ToArray();
        });
        SecureFile.WriteNew(file, Encoding.ASCII.GetBytes($"{Magic} {Convert.ToBase64String(sealedKek)}\n"));
        return kek;
    }

    private static IMechanism Gcm(byte[] nonce) => Pkcs11Token.Factories.MechanismFactory.Create(CKM.CKM_AES_GCM,
        Pkcs11Token.Factories.MechanismParamsFactory.CreateCkGcmParams(nonce, 96, AssociatedData, 128));

    private static IObjectHandle? FindKey(ISession session)
    {
        var attributes = Pkcs11Token.Factories.ObjectAttributeFactory;
        var found = session.FindAllObjects(
        [
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            attributes.Create(CKA.CKA_LABEL, Label),
        ]);
        return found.Count == 0 ? null : found[0];
    }

    private static IObjectHandle GenerateKey(ISession session)
    {
        var attributes = Pkcs11Token.Factories.ObjectAttributeFactory;
        using var mechanism = Pkcs11Token.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_GEN);
        return session.GenerateKey(mechanism,
        [
            attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
            attributes.Create(CKA.CKA_VALUE_LEN, 32UL),
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_PRIVATE, true),
            attributes.Create(CKA.CKA_SENSITIVE, true),
            attributes.Create(CKA.CKA_EXTRACTABLE, false),
            attributes.Create(CKA.CKA_ENCRYPT, true),
            attributes.Create(CKA.CKA_DECRYPT, true),
            attributes.Create(CKA.CKA_LABEL, Label),
            attributes.Create(CKA.CKA_ID, Encoding.ASCII.GetBytes(Label)),
        ]);
    }
}
