using Org.BouncyCastle.Asn1.Cms;

namespace Platform.Cryptography.Cms;

/// <summary>One recipient of a read envelope: how it is named, and the structure that carries its content key.</summary>
/// <param name="Identifier">How the envelope names the recipient.</param>
/// <param name="Transport">Its key-transport recipient info (RSA, SM2), or null.</param>
/// <param name="Agreement">Its key-agreement recipient info (ECDH), or null.</param>
/// <param name="AgreedKey">Its encrypted key within <paramref name="Agreement"/>.</param>
internal sealed record CmsEnvelopeRecipient(
    CmsRecipientIdentifier Identifier, KeyTransRecipientInfo? Transport, KeyAgreeRecipientInfo? Agreement, RecipientEncryptedKey? AgreedKey);
