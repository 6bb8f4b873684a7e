using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Identity.Clients;
using Identity.Server.ClientCertificates;

namespace Identity.Tests.Server;

/// <summary>RFC 8705 §2.1.2's comparison of a client certificate with the registered subject DN or alternative name.</summary>
public sealed class CertificateNameMatchTests
{
    [Theory]
    [InlineData("CN=exchange-hub,O=Data Exchange Office", true)]
    [InlineData("cn=Exchange-Hub, o=data exchange office", true)]
    [InlineData("CN=exchange-hub,O=Data  Exchange Office", true)]
    [InlineData("O=Data Exchange Office,CN=exchange-hub", false)]
    [InlineData("CN=exchange-hub", false)]
    [InlineData("CN=exchange-hub,O=Data Exchange Office,C=NL", false)]
    [InlineData("CN=exchange-hub2,O=Data Exchange Office", false)]
    public void SubjectDn_ComparedAsAName(string registered, bool matches)
    {
        using var certificate = Certificate("CN=exchange-hub,O=Data Exchange Office");

        Assert.Equal(matches, CertificateNameMatch.Matches(certificate, new ClientCertificateName(ClientCertificateNames.SubjectDn, registered)));
    }

    [Theory]
    [InlineData(ClientCertificateNames.SanDns, "hub.city.example", true)]
    [InlineData(ClientCertificateNames.SanDns, "HUB.City.Example", true)]
    [InlineData(ClientCertificateNames.SanDns, "other.city.example", false)]
    [InlineData(ClientCertificateNames.SanDns, "x.wild.city.example", false)]
    [InlineData(ClientCertificateNames.SanUri, "https://hub.city.example/service", true)]
    [InlineData(ClientCertificateNames.SanUri, "https://hub.city.example/Service", false)]
    [InlineData(ClientCertificateNames.SanEmail, "hub@City.Example", true)]
    [InlineData(ClientCertificateNames.SanEmail, "HUB@city.example", false)]
    [InlineData(ClientCertificateNames.SanIp, "192.0.2.7", true)]
    [InlineData(ClientCertificateNames.SanIp, "2001:db8::7", true)]
    [InlineData(ClientCertificateNames.SanIp, "192.0.2.8", false)]
    // The certificate's subject is not an alternative name.
    [InlineData(ClientCertificateNames.SanDns, "exchange-hub", false)]
    public void AlternativeName_ComparedAsItsKindIs(string kind, string registered, bool matches)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("hub.city.example");
        names.AddDnsName("*.wild.city.example");
        names.AddUri(new Uri("https://hub.city.example/service"));
        names.AddEmailAddress("hub@city.example");
        names.AddIpAddress(IPAddress.Parse("192.0.2.7"));
        names.AddIpAddress(IPAddress.Parse("2001:0db8:0000::0007"));
        using var certificate = Certificate("CN=exchange-hub", names.Build());

        Assert.Equal(matches, CertificateNameMatch.Matches(certificate, new ClientCertificateName(kind, registered)));
    }

    [Fact]
    public void CertificateWithoutAlternativeNames_MatchesNoAlternativeName()
    {
        using var certificate = Certificate("CN=hub.city.example");

        Assert.False(CertificateNameMatch.Matches(certificate, new ClientCertificateName(ClientCertificateNames.SanDns, "hub.city.example")));
    }

    private static X509Certificate2 Certificate(string subject, X509Extension? names = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
