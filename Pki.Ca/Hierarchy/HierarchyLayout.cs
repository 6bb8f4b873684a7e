using Platform.Cryptography;

namespace Pki.Ca.Hierarchy;

/// <summary>
/// The hierarchies configuration asks for: the default one from <c>Pki:Hierarchy</c> (CAs
/// <c>root</c> and <c>issuing</c>, as every data directory has had them), those under
/// <c>Pki:Hierarchies</c>, and the built-in <c>transport</c> hierarchy that carries the
/// platform's own TLS credentials when the default's algorithm is one TLS stacks refuse.
/// </summary>
internal static class HierarchyLayout
{
    /// <summary>The name of the hierarchy <c>Pki:Hierarchy</c> configures.</summary>
    public const string DefaultName = "default";

    /// <summary>The name of the hierarchy that carries TLS credentials when the default cannot.</summary>
    public const string TransportName = "transport";

    private const int MaxNameLength = 48;

    // A hierarchy's name is the stem of its CAs' names ("<name>-root", "<name>-issuing"), which must fit a CA name.
    private const int MaxHierarchyNameLength = MaxNameLength - 8;

    /// <summary>
    /// Whether TLS stacks in use (OpenSSL, GnuTLS, Go, .NET) verify certificate chains signed with
    /// <paramref name="algorithm"/>. SM2 is not among them: its signatures need a user id that no
    /// TLS client passes, so OpenSSL ends the handshake ("EVP lib") and the others do not know it.
    /// </summary>
    public static bool IsTlsCapable(KeyAlgorithm algorithm) => algorithm != KeyAlgorithm.Sm2;

    /// <summary>The default hierarchy; its algorithm is parsed by the bootstrap, which names the setting.</summary>
    public static PlannedHierarchy Default(HierarchyOptions options, KeyAlgorithm algorithm) => new(
        DefaultName, "Pki:Hierarchy:Algorithm", algorithm,
        new PlannedCa(CaRegistry.RootName, options.RootSubject, options.RootValidityDays),
        [new PlannedCa(CaRegistry.IssuingName, options.IssuingSubject, options.IssuingValidityDays)]);

    /// <summary>The hierarchies under <c>Pki:Hierarchies</c>, by name in ordinal order.</summary>
    public static IReadOnlyList<PlannedHierarchy> Named(CaOptions options) =>
        [.. options.Hierarchies.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => Plan(h.Key, h.Value))];

    /// <summary>The built-in transport hierarchy: ECDSA P-256, which every TLS stack verifies.</summary>
    public static PlannedHierarchy BuiltInTransport() => Plan(TransportName, new NamedHierarchyOptions
    {
        Algorithm = KeyAlgorithm.EcdsaP256.Name(),
        RootSubject = "CN=SecurityPlatform Transport Root CA,O=SecurityPlatform",
        IssuingCas = { ["transport-issuing"] = new IssuingCaOptions { Subject = "CN=SecurityPlatform Transport Issuing CA,O=SecurityPlatform" } },
    });

    /// <summary>Throws with the setting's name when the configured hierarchies are inconsistent.</summary>
    public static void Validate(CaOptions options)
    {
        var defaults = options.Hierarchy;
        CaOptions.Require(defaults.RootValidityDays is >= 1 and <= 100 * 365, "Hierarchy:RootValidityDays must be between 1 and 36500.");
        CaOptions.Require(defaults.IssuingValidityDays is >= 1 and <= 100 * 365, "Hierarchy:IssuingValidityDays must be between 1 and 36500.");
        CaOptions.Require(!string.IsNullOrWhiteSpace(defaults.RootSubject), "Hierarchy:RootSubject must not be empty.");
        CaOptions.Require(!string.IsNullOrWhiteSpace(defaults.IssuingSubject), "Hierarchy:IssuingSubject must not be empty.");

        var names = new HashSet<string>(StringComparer.Ordinal) { CaRegistry.RootName, CaRegistry.IssuingName };
        // The built-in transport hierarchy first, so a clash with its CA names is reported
        // against the hierarchy the operator configured, not one nobody wrote.
        var hierarchies = options.Hierarchies.ContainsKey(TransportName) ? Named(options) : [BuiltInTransport(), .. Named(options)];
        foreach (var hierarchy in hierarchies)
        {
            CaOptions.Require(hierarchy.Name != DefaultName && ValidName(hierarchy.Name, MaxHierarchyNameLength),
                $"Hierarchies:{hierarchy.Name}: a hierarchy name is 1 to {MaxHierarchyNameLength} lowercase letters, digits and '-', and not '{DefaultName}'.");
            foreach (var ca in hierarchy.Issuing.Prepend(hierarchy.Root))
            {
                CaOptions.Require(ValidName(ca.Name, MaxNameLength), $"Hierarchies:{hierarchy.Name}:IssuingCas:{ca.Name}: a CA name is 1 to {MaxNameLength} lowercase letters, digits and '-'.");
                CaOptions.Require(names.Add(ca.Name), $"Hierarchies:{hierarchy.Name}: the CA name '{ca.Name}' is used twice; CA names are unique across hierarchies.");
                CaOptions.Require(ca.ValidityDays is >= 1 and <= 100 * 365, $"Hierarchies:{hierarchy.Name}: the validity of CA '{ca.Name}' must be between 1 and 36500 days.");
                CaOptions.Require(!string.IsNullOrWhiteSpace(ca.Subject), $"Hierarchies:{hierarchy.Name}: CA '{ca.Name}' needs a subject.");
            }
        }

        if (options.TransportHierarchy is { } transport)
        {
            CaOptions.Require(transport == DefaultName || options.Hierarchies.ContainsKey(transport),
                $"TransportHierarchy '{transport}' is neither '{DefaultName}' nor a hierarchy under Pki:Hierarchies.");
            CaOptions.Require(transport == DefaultName || IsTlsCapable(Named(options).First(h => h.Name == transport).Algorithm),
                $"TransportHierarchy '{transport}' uses an algorithm TLS stacks do not accept; choose an ECDSA, RSA or Ed25519 hierarchy.");
        }
    }

    private static PlannedHierarchy Plan(string name, NamedHierarchyOptions options)
    {
        if (!KeyAlgorithmNames.TryParse(options.Algorithm, out var algorithm))
        {
            throw new InvalidOperationException(
                $"Pki:Hierarchies:{name}:Algorithm '{options.Algorithm}' is not one of {string.Join(", ", KeyAlgorithmNames.All)}.");
        }

        var issuing = options.IssuingCas.Count == 0
            ? [new PlannedCa(name + "-issuing", $"CN=SecurityPlatform {name} Issuing CA,O=SecurityPlatform", 10 * 365)]
            : options.IssuingCas.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new PlannedCa(c.Key, c.Value.Subject ?? $"CN=SecurityPlatform {c.Key} CA,O=SecurityPlatform", c.Value.ValidityDays)).ToList();
        return new PlannedHierarchy(name, $"Pki:Hierarchies:{name}:Algorithm", algorithm,
            new PlannedCa(name + "-root", options.RootSubject ?? $"CN=SecurityPlatform {name} Root CA,O=SecurityPlatform", options.RootValidityDays),
            issuing);
    }

    /// <summary>Throws a <see cref="Ceremonies.CeremonyException"/> unless <paramref name="name"/> is a valid CA or hierarchy name.</summary>
    public static void RequireName(string name, string what)
    {
        if (!ValidName(name, MaxNameLength))
        {
            throw new Ceremonies.CeremonyException($"A {what} is 1 to {MaxNameLength} lowercase letters, digits and '-', not starting with '-': '{name}' is not.");
        }
    }

    private static bool ValidName(string name, int maxLength) =>
        name.Length >= 1 && name.Length <= maxLength && name[0] != '-' && name.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || c == '-');
}
