using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Nist;

namespace Pki.Tsa.Protocol;

/// <summary>The hash algorithms a message imprint may use, with their digest lengths. SHA-1 and MD5 are refused.</summary>
public static class ImprintAlgorithms
{
    private static readonly Dictionary<DerObjectIdentifier, (string Name, int Length)> Accepted = new()
    {
        [NistObjectIdentifiers.IdSha256] = ("SHA-256", 32),
        [NistObjectIdentifiers.IdSha384] = ("SHA-384", 48),
        [NistObjectIdentifiers.IdSha512] = ("SHA-512", 64),
        [NistObjectIdentifiers.IdSha3_256] = ("SHA3-256", 32),
        [NistObjectIdentifiers.IdSha3_512] = ("SHA3-512", 64),
        [GMObjectIdentifiers.sm3] = ("SM3", 32),
    };

    // By dotted OID too: requests are read without Bouncy Castle's object model.
    private static readonly Dictionary<string, (string Name, int Length)> AcceptedById =
        Accepted.ToDictionary(a => a.Key.Id, a => a.Value, StringComparer.Ordinal);

    /// <summary>The algorithm's name and digest length, when accepted.</summary>
    public static bool TryGet(DerObjectIdentifier algorithm, out string name, out int length)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return TryGet(algorithm.Id, out name, out length);
    }

    /// <summary>The algorithm's name and digest length, when accepted, by dotted OID.</summary>
    public static bool TryGet(string algorithm, out string name, out int length)
    {
        var found = AcceptedById.TryGetValue(algorithm, out var entry);
        (name, length) = entry;
        return found;
    }

    /// <summary>The OID of an accepted algorithm by name (sha256, SHA-384, sm3, …), for clients.</summary>
    public static DerObjectIdentifier? ByName(string name) =>
        Accepted.FirstOrDefault(a => string.Equals(a.Value.Name.Replace("-", "", StringComparison.Ordinal), name.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)).Key;
}
