using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;

namespace Platform.Cryptography.Cms;

/// <summary>Recipient identifiers as the envelope writes and reads them (RFC 5652 §6.2.1, §6.2.2).</summary>
internal static class RecipientIds
{
    /// <summary>The identifier of a key-transport recipient: issuer and serial, else the key identifier.</summary>
    public static RecipientIdentifier ForKeyTransport(CmsRecipient recipient) => recipient.Certificate is { } certificate
        ? new RecipientIdentifier(new IssuerAndSerialNumber(certificate.Issuer, certificate.SerialNumber))
        : new RecipientIdentifier(new Org.BouncyCastle.Asn1.X509.SubjectKeyIdentifier(KeyIdentifier(recipient)));

    /// <summary>The identifier of a key-agreement recipient: issuer and serial, else the key identifier.</summary>
    public static KeyAgreeRecipientIdentifier ForKeyAgreement(CmsRecipient recipient) => recipient.Certificate is { } certificate
        ? new KeyAgreeRecipientIdentifier(new IssuerAndSerialNumber(certificate.Issuer, certificate.SerialNumber))
        : new KeyAgreeRecipientIdentifier(new RecipientKeyIdentifier(new DerOctetString(KeyIdentifier(recipient)), null, null));

    public static CmsRecipientIdentifier Read(RecipientIdentifier id) => id.ID switch
    {
        // Bouncy Castle hands the [0] subjectKeyIdentifier out untagged.
        Asn1OctetString key => new(null, null, key.GetOctets()),
        Asn1TaggedObject tagged => new(null, null, Asn1OctetString.GetInstance(tagged, false).GetOctets()),
        var other => Read(IssuerAndSerialNumber.GetInstance(other)),
    };

    public static CmsRecipientIdentifier Read(KeyAgreeRecipientIdentifier id) => id.IssuerAndSerialNumber is { } issuerAndSerial
        ? Read(issuerAndSerial)
        : new(null, null, id.RKeyID.SubjectKeyIdentifier.GetOctets());

    private static CmsRecipientIdentifier Read(IssuerAndSerialNumber id) =>
        new(id.Issuer, id.SerialNumber.Value.ToString(16), null);

    /// <summary>RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits.</summary>
    private static byte[] KeyIdentifier(CmsRecipient recipient) => SHA1.HashData(recipient.PublicKey.PublicKey.GetBytes());
}
