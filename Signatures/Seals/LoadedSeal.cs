using Platform.Cryptography;
using Signatures.Cades;

namespace Signatures.Seals;

/// <summary>A seal ready to sign: its key opened in the key store and its credential encoded once.</summary>
/// <param name="Seal">The seal.</param>
/// <param name="Key">Its key; owned by the key store.</param>
/// <param name="Credential">Its certificate and chain, encoded for SignerInfos.</param>
internal sealed record LoadedSeal(Seal Seal, ISigningKey Key, SignerCredential Credential);
