using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Identity.Clients;

namespace Identity.Server.ClientCertificates;

/// <summary>
/// Whether a client certificate carries the name an application registered for <c>tls_client_auth</c>
/// (RFC 8705 §2.1.2): the subject DN compared as a name (RFC 4517 distinguishedNameMatch: attribute
/// by attribute, case and surrounding or repeated spaces ignored), an alternative name as its kind is
/// compared: DNS names without regard to case, e-mail domains likewise, IP addresses as addresses,
/// URIs exactly. A wildcard in the certificate matches nothing: the registration names one application.
/// </summary>
internal static class CertificateNameMatch
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    private static readonly Asn1Tag Rfc822Name = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag DnsName = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag UniformResourceIdentifier = new(TagClass.ContextSpecific, 6);
    private static readonly Asn1Tag IpAddress = new(TagClass.ContextSpecific, 7);

    public static bool Matches(X509Certificate2 certificate, ClientCertificateName name) => name.Kind switch
    {
        ClientCertificateNames.SubjectDn => SameDistinguishedName(certificate.SubjectName, name.Value),
        ClientCertificateNames.SanDns => AlternativeNames(certificate, DnsName).Any(n => string.Equals(n, name.Value, StringComparison.OrdinalIgnoreCase)),
        ClientCertificateNames.SanUri => AlternativeNames(certificate, UniformResourceIdentifier).Any(n => string.Equals(n, name.Value, StringComparison.Ordinal)),
        ClientCertificateNames.SanEmail => AlternativeNames(certificate, Rfc822Name).Any(n => SameMailbox(n, name.Value)),
        ClientCertificateNames.SanIp => IPAddress.TryParse(name.Value, out var expected)
            && AlternativeNames(certificate, IpAddress).Any(n => n == Convert.ToHexString(expected.GetAddressBytes())),
        _ => false,
    };

    private static bool SameDistinguishedName(X500DistinguishedName presented, string registered)
    {
        X500DistinguishedName expected;
        try
        {
            expected = new X500DistinguishedName(registered);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var left = presented.EnumerateRelativeDistinguishedNames().ToList();
        var right = expected.EnumerateRelativeDistinguishedNames().ToList();
        return left.Count == right.Count && left.Zip(right).All(pair => SameRelativeName(pair.First, pair.Second));
    }

    private static bool SameRelativeName(X500RelativeDistinguishedName presented, X500RelativeDistinguishedName expected)
    {
        if (presented.HasMultipleElements || expected.HasMultipleElements)
        {
            // Multi-valued RDNs are rare; their encodings are compared (DER sorts the set).
            return presented.RawData.Span.SequenceEqual(expected.RawData.Span);
        }

        return presented.GetSingleElementType().Value == expected.GetSingleElementType().Value
            && string.Equals(Prepared(presented.GetSingleElementValue()), Prepared(expected.GetSingleElementValue()), StringComparison.OrdinalIgnoreCase);
    }

    // RFC 4518's insignificant space handling: leading and trailing spaces dropped, inner runs folded.
    private static string? Prepared(string? value) =>
        value is null ? null : string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    // The local part is the mailbox owner's to interpret; only the domain is case-insensitive (RFC 5280 §4.2.1.6).
    private static bool SameMailbox(string presented, string registered)
    {
        var at = presented.LastIndexOf('@');
        var expectedAt = registered.LastIndexOf('@');
        return at > 0 && expectedAt > 0
            && presented.AsSpan(0, at).SequenceEqual(registered.AsSpan(0, expectedAt))
            && string.Equals(presented[(at + 1)..], registered[(expectedAt + 1)..], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The certificate's alternative names of one kind: text for the string kinds, hex for IP addresses; none when the extension does not parse.</summary>
    private static List<string> AlternativeNames(X509Certificate2 certificate, Asn1Tag kind)
    {
        var names = new List<string>();
        if (certificate.Extensions[SubjectAlternativeNameOid] is not { } extension)
        {
            return names;
        }

        try
        {
            var sequence = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag == IpAddress && kind == IpAddress)
                {
                    names.Add(Convert.ToHexString(sequence.ReadOctetString(IpAddress)));
                }
                else if (tag == kind)
                {
                    names.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, kind));
                }
                else
                {
                    sequence.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            return [];
        }

        return names;
    }
}
