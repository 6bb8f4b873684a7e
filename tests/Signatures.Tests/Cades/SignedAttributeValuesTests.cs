using Platform.Cryptography;
using Signatures.Cades;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Signatures.Tests.Cades;

/// <summary>The signed attributes a caller brings back are read strictly: exactly what prepare wrote, in DER.</summary>
public sealed class SignedAttributeValuesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_WhatPrepareWrote_GivesItsDigestTimeAndCertificate()
    {
        var (_, credential) = new TestPki().Signer(KeyAlgorithm.EcdsaP256);
        var digest = SHA256.HashData("document"u8);

        var (values, problem) = SignedAttributeValues.Read(SignedAttributes.Build(digest, Now, credential));

        Assert.Null(problem);
        Assert.Equal(digest, values!.MessageDigest);
        Assert.Equal(Now, values.SigningTime);
        Assert.Equal(SHA256.HashData(credential.Certificate), values.CertificateHash);
    }

    [Fact]
    public void Read_MalformedMissingExtraOrUnsorted_IsAProblem()
    {
        var (_, credential) = new TestPki().Signer(KeyAlgorithm.EcdsaP256);
        var set = SignedAttributes.Build(new byte[32], Now, credential);
        var attributes = Elements(set);

        Assert.NotNull(SignedAttributeValues.Read([0x31, 0x05, 0x01]).Problem);
        Assert.NotNull(SignedAttributeValues.Read(Set(attributes[..3], sort: true)).Problem);
        Assert.NotNull(SignedAttributeValues.Read(Set([.. attributes, Attributes.Of("1.2.3.4", [0x05, 0x00])], sort: true)).Problem);
        Assert.NotNull(SignedAttributeValues.Read(Set([.. attributes.Reverse()], sort: false)).Problem);
        Assert.NotNull(SignedAttributeValues.Read([.. set, 0x00]).Problem);
    }

    private static byte[][] Elements(byte[] set)
    {
        var reader = new AsnReader(set, AsnEncodingRules.DER).ReadSetOf();
        List<byte[]> elements = [];
        while (reader.HasData)
        {
            elements.Add(reader.ReadEncodedValue().ToArray());
        }

        return [.. elements];
    }

    private static byte[] Set(byte[][] elements, bool sort)
    {
        // BER keeps the order given; DER sorts.
        var writer = new AsnWriter(sort ? AsnEncodingRules.DER : AsnEncodingRules.BER);
        using (writer.PushSetOf())
        {
            foreach (var element in elements)
            {
                writer.WriteEncodedValue(element);
            }
        }

        return writer.Encode();
    }
}
