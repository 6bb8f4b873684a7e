using System.Formats.Asn1;

namespace Pki.Tsa.Protocol;

/// <summary>
/// Reads a DER TimeStampReq with <see cref="AsnReader"/>. Numbers stay as their content octets,
/// so no value, however large or negative, can overflow a conversion: the version is compared
/// with 1 as bytes, the nonce is judged by its length and sign. Anything not shaped like a
/// TimeStampReq is refused as a whole (the caller answers badDataFormat).
/// </summary>
internal static class TimeStampQueryReader
{
    private static readonly Asn1Tag ExtensionsTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>The request, or null when <paramref name="body"/> is not a TimeStampReq.</summary>
    public static TimeStampQuery? Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            return ReadOrThrow(body);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static TimeStampQuery ReadOrThrow(ReadOnlyMemory<byte> body)
    {
        var outer = new AsnReader(body, AsnEncodingRules.DER);
        var request = outer.ReadSequence();
        outer.ThrowIfNotEmpty();

        // TimeStampReq ::= SEQUENCE { version INTEGER { v1(1) }, messageImprint MessageImprint,
        //   reqPolicy TSAPolicyId OPTIONAL, nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE,
        //   extensions [0] IMPLICIT Extensions OPTIONAL }
        var version = request.ReadIntegerBytes().Span;
        var isVersion1 = version.Length == 1 && version[0] == 1;

        var messageImprint = request.PeekEncodedValue();
        var imprint = request.ReadSequence();
        var algorithm = imprint.ReadSequence();
        var hashAlgorithm = algorithm.ReadObjectIdentifier();
        if (algorithm.HasData)
        {
            _ = algorithm.ReadEncodedValue(); // parameters: NULL or absent for every accepted hash
        }

        algorithm.ThrowIfNotEmpty();
        var hashedMessage = ReadOctets(imprint);
        imprint.ThrowIfNotEmpty();

        string? policy = null;
        if (request.HasData && request.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
        {
            policy = request.ReadObjectIdentifier();
        }

        ReadOnlyMemory<byte>? nonce = null;
        if (request.HasData && request.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            nonce = request.ReadIntegerBytes();
        }

        var certReq = false;
        if (request.HasData && request.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
        {
            certReq = request.ReadBoolean();
        }

        var extensions = new List<string>();
        if (request.HasData)
        {
            var list = request.ReadSequence(ExtensionsTag);
            while (list.HasData)
            {
                // Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
                var extension = list.ReadSequence();
                extensions.Add(extension.ReadObjectIdentifier());
                if (extension.HasData && extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
                {
                    _ = extension.ReadBoolean();
                }

                _ = ReadOctets(extension);
                extension.ThrowIfNotEmpty();
            }
        }

        request.ThrowIfNotEmpty();
        return new TimeStampQuery(isVersion1, messageImprint, hashAlgorithm, hashedMessage, policy, nonce, certReq, extensions);
    }

    /// <summary>A primitive OCTET STRING's contents, without copying (DER allows no other form).</summary>
    private static ReadOnlyMemory<byte> ReadOctets(AsnReader reader) =>
        reader.TryReadPrimitiveOctetString(out var contents)
            ? contents
            : throw new AsnContentException("A constructed OCTET STRING is not DER.");
}
