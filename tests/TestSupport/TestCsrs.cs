using TestSupport;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TestSupport;

/// <summary>CSRs made by .NET's own CertificateRequest, an implementation independent of ours.</summary>
public static class TestCsrs
{
    public static string Ecdsa(string subject = "CN=web.example.org", ECCurve? curve = null, params string[] dnsNames)
    {
        using var key = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        AddSans(request, dnsNames);
        return request.CreateSigningRequestPem();
    }

    public static string Rsa(int bits, string subject = "CN=web.example.org", params string[] dnsNames)
    {
        using var key = RSA.Create(bits);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddSans(request, dnsNames);
        return request.CreateSigningRequestPem();
    }

    public static string WithEmail(string subject, string email)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddEmailAddress(email);
        request.CertificateExtensions.Add(sans.Build());
        return request.CreateSigningRequestPem();
    }

    public static string WithIp(string subject, string ip)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddIpAddress(System.Net.IPAddress.Parse(ip));
        request.CertificateExtensions.Add(sans.Build());
        return request.CreateSigningRequestPem();
    }

    /// <summary>A valid CSR with one bit of its signature flipped.</summary>
    public static string WithForgedSignature()
    {
        var der = Der(Ecdsa("CN=forged.example.org", null, "forged.example.org"));
        der[^3] ^= 0x01;
        return Pem(der);
    }

    /// <summary>A CSR whose signature BIT STRING declares one unused bit (its last bit is zero, as DER wants).</summary>
    public static string WithUnalignedSignature()
    {
        var reader = new AsnReader(Der(Ecdsa("CN=unaligned.example.org", null, "unaligned.example.org")), AsnEncodingRules.DER).ReadSequence();
        var info = reader.ReadEncodedValue();
        var algorithm = reader.ReadEncodedValue();
        var signature = reader.ReadBitString(out _);
        signature[^1] &= 0xFE;

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(info.Span);
            writer.WriteEncodedValue(algorithm.Span);
            writer.WriteBitString(signature, unusedBitCount: 1);
        }

        return Pem(writer.Encode());
    }

    /// <summary>A valid CSR whose subject was changed after signing.</summary>
    public static string WithAlteredSubject()
    {
        var der = Der(Ecdsa("CN=aaaa.example.org", null, "aaaa.example.org"));
        var index = der.AsSpan().IndexOf("aaaa"u8);
        "bbbb"u8.CopyTo(der.AsSpan(index));
        return Pem(der);
    }

    public static byte[] Der(string pem) => PemEncoding.TryFind(pem, out var fields)
        ? Convert.FromBase64String(pem[fields.Base64Data])
        : throw new ArgumentException("not PEM");

    public static string Pem(byte[] der) => new(PemEncoding.Write("CERTIFICATE REQUEST", der));

    private static void AddSans(CertificateRequest request, string[] dnsNames)
    {
        if (dnsNames.Length == 0)
        {
            return;
        }

        var sans = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            sans.AddDnsName(name);
        }

        request.CertificateExtensions.Add(sans.Build());
    }
}
