using Microsoft.Extensions.Configuration;

namespace Pki.Ca.Tests.Hierarchy;

/// <summary>
/// <see cref="CaOptions.Validate"/> over the hierarchy settings: a bad configuration refuses to
/// boot (the host calls it on start) with a message naming the setting to fix.
/// </summary>
public sealed class HierarchyValidationTests
{
    private static readonly string TooLong = new('a', 49);

    [Fact]
    public void Validate_TwoHierarchiesAndATransportHierarchy_Accepts()
    {
        var options = Bind(
            ("Pki:Hierarchy:Algorithm", "SM2"),
            ("Pki:Hierarchies:tls:Algorithm", "ECDSA-P256"),
            ("Pki:Hierarchies:gov:Algorithm", "ECDSA-P384"),
            ("Pki:Hierarchies:gov:IssuingCas:gov-people:Subject", "CN=Gov People CA"),
            ("Pki:Hierarchies:gov:IssuingCas:gov-servers:ValidityDays", "1"),
            ("Pki:Hierarchies:gov:RootValidityDays", "36500"),
            ("Pki:TransportHierarchy", "tls"));

        options.Validate();
    }

    [Fact]
    public void Validate_SameCaNameInTwoHierarchies_RefusesNamingTheSecondHierarchyAndTheCa()
    {
        var message = Refusal(
            ("Pki:Hierarchies:alpha:IssuingCas:shared-issuing:Subject", "CN=A"),
            ("Pki:Hierarchies:beta:IssuingCas:shared-issuing:Subject", "CN=B"));

        Assert.Contains("Pki:Hierarchies:beta", message, StringComparison.Ordinal);
        Assert.Contains("'shared-issuing'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IssuingCaNamedLikeAnotherHierarchysRoot_Refuses()
    {
        // beta's root is always beta-root, so alpha may not name an issuing CA so.
        var message = Refusal(
            ("Pki:Hierarchies:alpha:IssuingCas:beta-root:Subject", "CN=A"),
            ("Pki:Hierarchies:beta:Algorithm", "ECDSA-P256"));

        Assert.Contains("Pki:Hierarchies:beta", message, StringComparison.Ordinal);
        Assert.Contains("'beta-root'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("issuing")]
    public void Validate_IssuingCaNamedLikeADefaultCa_RefusesNamingTheHierarchyAndTheCa(string name)
    {
        var message = Refusal(($"Pki:Hierarchies:gov:IssuingCas:{name}:Subject", "CN=Gov CA"));

        Assert.Contains("Pki:Hierarchies:gov", message, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transport-root")]
    [InlineData("transport-issuing")]
    public void Validate_IssuingCaNamedLikeABuiltInTransportCa_RefusesNamingTheConfiguredHierarchy(string name)
    {
        // The built-in transport hierarchy is not configured anywhere: the message must name the
        // hierarchy the operator wrote, not Pki:Hierarchies:transport.
        var message = Refusal(($"Pki:Hierarchies:gov:IssuingCas:{name}:Subject", "CN=Gov CA"));

        Assert.StartsWith("Pki:Hierarchies:gov:", message, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConfiguredTransportHierarchy_ItsCaNamesAreFreeOfTheBuiltInOnes()
    {
        // A hierarchy configured as "transport" replaces the built-in one, so its CA names do not clash with it.
        Bind(("Pki:Hierarchies:transport:Algorithm", "ECDSA-P256"), ("Pki:TransportHierarchy", "transport")).Validate();
    }

    [Theory]
    [InlineData("Gov")]
    [InlineData("-gov")]
    [InlineData("gov_2")]
    [InlineData("gov.example")]
    [InlineData("default")]
    public void Validate_InvalidHierarchyName_RefusesNamingTheHierarchy(string name)
    {
        var message = Refusal(($"Pki:Hierarchies:{name}:Algorithm", "ECDSA-P256"));

        Assert.StartsWith($"Pki:Hierarchies:{name}:", message, StringComparison.Ordinal);
        Assert.Contains("hierarchy name", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HierarchyNameTooLong_RefusesNamingTheHierarchy()
    {
        var message = Refusal(($"Pki:Hierarchies:{TooLong}:Algorithm", "ECDSA-P256"));

        Assert.StartsWith($"Pki:Hierarchies:{TooLong}:", message, StringComparison.Ordinal);
        Assert.Contains("hierarchy name", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HierarchyNameWhoseCaNamesWouldBeTooLong_RefusesTheHierarchyName()
    {
        // 41 characters: a valid CA name, but its default issuing CA would be "<name>-issuing", 49.
        // The message must name the hierarchy, not an IssuingCas entry nobody configured.
        var name = new string('a', 41);

        var message = Refusal(($"Pki:Hierarchies:{name}:Algorithm", "ECDSA-P256"));

        Assert.StartsWith($"Pki:Hierarchies:{name}:", message, StringComparison.Ordinal);
        Assert.DoesNotContain("IssuingCas", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HierarchyNameOfFortyCharacters_AcceptsItAndItsDerivedCaNames()
    {
        // The longest name whose "<name>-issuing" is still a valid CA name.
        Bind(($"Pki:Hierarchies:{new string('a', 40)}:Algorithm", "ECDSA-P256")).Validate();
    }

    [Theory]
    [InlineData("Gov-issuing")]
    [InlineData("-gov-issuing")]
    [InlineData("gov issuing")]
    public void Validate_InvalidCaName_RefusesNamingTheSetting(string name)
    {
        var message = Refusal(($"Pki:Hierarchies:gov:IssuingCas:{name}:Subject", "CN=Gov CA"));

        Assert.StartsWith($"Pki:Hierarchies:gov:IssuingCas:{name}:", message, StringComparison.Ordinal);
        Assert.Contains("CA name", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CaNameTooLong_RefusesNamingTheSetting()
    {
        var message = Refusal(($"Pki:Hierarchies:gov:IssuingCas:{TooLong}:Subject", "CN=Gov CA"));

        Assert.StartsWith($"Pki:Hierarchies:gov:IssuingCas:{TooLong}:", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pki:Hierarchies:gov:RootValidityDays", "0", "gov-root")]
    [InlineData("Pki:Hierarchies:gov:RootValidityDays", "-1", "gov-root")]
    [InlineData("Pki:Hierarchies:gov:RootValidityDays", "36501", "gov-root")]
    [InlineData("Pki:Hierarchies:gov:IssuingCas:gov-people:ValidityDays", "0", "gov-people")]
    [InlineData("Pki:Hierarchies:gov:IssuingCas:gov-people:ValidityDays", "36501", "gov-people")]
    public void Validate_ValidityOutOfRange_RefusesNamingTheHierarchyAndTheCa(string key, string value, string ca)
    {
        var message = Refusal((key, value));

        Assert.StartsWith("Pki:Hierarchies:gov:", message, StringComparison.Ordinal);
        Assert.Contains($"'{ca}'", message, StringComparison.Ordinal);
        Assert.Contains("validity", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pki:Hierarchy:RootValidityDays", "0")]
    [InlineData("Pki:Hierarchy:RootValidityDays", "36501")]
    [InlineData("Pki:Hierarchy:IssuingValidityDays", "0")]
    [InlineData("Pki:Hierarchy:IssuingValidityDays", "-5")]
    public void Validate_DefaultHierarchyValidityOutOfRange_RefusesNamingTheSetting(string key, string value)
    {
        // Otherwise the first start would create a CA that has already expired.
        var message = Refusal((key, value));

        Assert.StartsWith(key, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pki:Hierarchies:gov:RootSubject", "gov-root")]
    [InlineData("Pki:Hierarchies:gov:IssuingCas:gov-people:Subject", "gov-people")]
    public void Validate_BlankSubject_RefusesNamingTheHierarchyAndTheCa(string key, string ca)
    {
        var message = Refusal((key, "  "));

        Assert.StartsWith("Pki:Hierarchies:gov:", message, StringComparison.Ordinal);
        Assert.Contains($"'{ca}'", message, StringComparison.Ordinal);
        Assert.Contains("subject", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pki:Hierarchy:RootSubject")]
    [InlineData("Pki:Hierarchy:IssuingSubject")]
    public void Validate_DefaultHierarchyBlankSubject_RefusesNamingTheSetting(string key)
    {
        var message = Refusal((key, " "));

        Assert.StartsWith(key, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DSA-1024")]
    [InlineData("ecdsa-p521")]
    [InlineData("")]
    public void Validate_UnknownAlgorithm_RefusesNamingTheSettingAndTheChoices(string algorithm)
    {
        var message = Refusal(("Pki:Hierarchies:gov:Algorithm", algorithm));

        Assert.StartsWith($"Pki:Hierarchies:gov:Algorithm '{algorithm}'", message, StringComparison.Ordinal);
        Assert.Contains("ECDSA-P256", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gov")]
    [InlineData("transport")]
    public void Validate_TransportHierarchyNotConfigured_RefusesNamingTheSetting(string name)
    {
        // Not even "transport": the built-in one is used only when the setting is unset.
        var message = Refusal(("Pki:Hierarchies:tls:Algorithm", "ECDSA-P256"), ("Pki:TransportHierarchy", name));

        Assert.StartsWith($"Pki:TransportHierarchy '{name}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TransportHierarchyIsSm2_RefusesNamingTheSetting()
    {
        var message = Refusal(("Pki:Hierarchies:gm:Algorithm", "SM2"), ("Pki:TransportHierarchy", "gm"));

        Assert.StartsWith("Pki:TransportHierarchy 'gm'", message, StringComparison.Ordinal);
        Assert.Contains("TLS", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("tls")]
    public void Validate_TransportHierarchyTlsCapable_Accepts(string name)
    {
        Bind(("Pki:Hierarchies:tls:Algorithm", "RSA-3072"), ("Pki:TransportHierarchy", name)).Validate();
    }

    private static string Refusal(params (string Key, string Value)[] settings) =>
        Assert.Throws<InvalidOperationException>(Bind(settings).Validate).Message;

    private static CaOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var options = new CaOptions();
        configuration.GetSection(CaOptions.Section).Bind(options);
        return options;
    }
}
