using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Esf;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Signatures.Validation.Cms;

using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace Signatures.Validation.Revocation;

/// <summary>
/// The revocation data inside a signature: SignedData.crls (CRLs, and OCSP responses as RFC 5940's
/// id-ri-ocsp-response other revocation info) and the CAdES revocation-values unsigned attribute
/// (EN 319 122-1 §5.4.2.2). Entries that do not parse are left out: they prove nothing either way.
/// </summary>
internal static class EmbeddedRevocationData
{
    /// <summary>id-ri-ocsp-response (RFC 5940 §4.1).</summary>
    public static readonly DerObjectIdentifier OcspResponseFormat = new("1.3.6.1.5.5.7.16.2");

    /// <summary>What <paramref name="data"/> and <paramref name="signer"/>'s unsigned attributes carry.</summary>
    public static RevocationData Of(SignedData data, SignerInfo signer)
    {
        var crls = new List<X509Crl>();
        var responses = new List<BasicOcspResp>();
        foreach (var choice in data.CRLs ?? new DerSet())
        {
            Try(() =>
            {
                if (choice is Asn1TaggedObject { TagNo: 1 } tagged)
                {
                    var other = OtherRevocationInfoFormat.GetInstance(tagged, false);
                    if (other.InfoFormat.Equals(OcspResponseFormat))
                    {
                        AddResponse(responses, OcspResponse.GetInstance(other.Info));
                    }
                }
                else if (choice is Asn1Sequence sequence)
                {
                    crls.Add(new X509Crl(CertificateList.GetInstance(sequence)));
                }
            });
        }

        foreach (var attribute in SignedAttributes.All(signer.UnsignedAttrs, PkcsObjectIdentifiers.IdAAEtsRevocationValues))
        {
            foreach (var value in attribute.AttrValues)
            {
                Try(() =>
                {
                    var values = RevocationValues.GetInstance(value);
                    crls.AddRange((values.GetCrlVals() ?? []).Select(c => new X509Crl(c)));
                    responses.AddRange((values.GetOcspVals() ?? []).Select(r => new BasicOcspResp(r)));
                });
            }
        }

        return crls.Count == 0 && responses.Count == 0 ? RevocationData.None : new RevocationData(crls, responses);
    }

    /// <summary>Adds the basic response of a successful <paramref name="response"/>.</summary>
    public static void AddResponse(List<BasicOcspResp> responses, OcspResponse response)
    {
        var parsed = new OcspResp(response);
        if (parsed.Status == OcspRespStatus.Successful && parsed.GetResponseObject() is BasicOcspResp basic)
        {
            responses.Add(basic);
        }
    }

    private static void Try(Action read)
    {
        try
        {
            read();
        }
        catch (Exception e) when (SignedDataReader.IsMalformed(e) || e is OcspException)
        {
        }
    }
}
