using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Server.Tests.Hosting;
using System.Net.Http.Headers;

namespace Server.Tests.Revocation;

/// <summary>What a relying party asks a node about a certificate of its issuing CA: OCSP and the CRL.</summary>
public static class RevocationQueries
{
    /// <summary>A nonce-less OCSP request (SHA-1 CertID) for <paramref name="serial"/>, which the responder pre-signs.</summary>
    public static byte[] OcspRequest(PlatformServer node, string serial)
    {
        var issuing = new X509CertificateParser().ReadCertificate(File.ReadAllBytes(node.DataFile("issuing-ca.pem")));
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, issuing, new BigInteger(serial, 16)));
        return generator.Generate().GetEncoded();
    }

    /// <summary>The node's single answer to <paramref name="request"/>; fails unless the response is successful.</summary>
    public static async Task<SingleResp> AskAsync(PlatformServer node, byte[] request)
    {
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var client = node.HttpClient();
        using var response = await client.PostAsync("/pki/ocsp", content);
        var ocsp = new OcspResp(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(OcspRespStatus.Successful, ocsp.Status);
        return Assert.Single(((BasicOcspResp)ocsp.GetResponseObject()).Responses);
    }

    /// <summary>The issuing CA's full CRL as the node serves it.</summary>
    public static async Task<X509Crl> CrlAsync(PlatformServer node)
    {
        using var client = node.HttpClient();
        return new X509CrlParser().ReadCrl(await client.GetByteArrayAsync("/pki/cas/issuing/crl"));
    }
}
