using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1;
using Platform.Cryptography;
using Platform.Http;

namespace Pki.Ca.Issuance;

/// <summary>
/// Parses PEM PKCS#10 requests (RFC 2986) from untrusted callers and checks proof of
/// possession: the request must be signed by the key it asks to certify.
/// </summary>
public static class CsrParser
{
    /// <summary>The largest CSR accepted, in DER bytes (an RSA-4096 request is about 1.7 KB).</summary>
    public const int MaxDerBytes = 16 * 1024;

    /// <summary>Parses and verifies <paramref name="pem"/>; exactly one of the results is non-null.</summary>
    public static (ParsedCsr? Csr, IssuanceError? Error) Parse(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem) || !TryDecodePem(pem, out var der))
        {
            return Fail(ProblemCodes.CsrNotPem, "The csr must be a PEM 'CERTIFICATE REQUEST'.");
        }

        if (der.Length > MaxDerBytes)
        {
            return Fail(ProblemCodes.CsrTooLarge, $"The CSR exceeds {MaxDerBytes} bytes.");
        }

        if (!Platform.Der.DerGuard.IsWellFormed(der))
        {
            return Fail(ProblemCodes.CsrMalformed, "The CSR is not a single well-formed DER structure.");
        }

        CertificationRequest request;
        CertificationRequestInfo info;
        SubjectPublicKeyInfo publicKey;
        byte[] signature;
        try
        {
            request = CertificationRequest.GetInstance(Asn1Object.FromByteArray(der));
            info = request.GetCertificationRequestInfo();
            publicKey = info.SubjectPublicKeyInfo;
            _ = info.Subject.ToString();

            // A signature BIT STRING that declares unused bits is not a signature; reading its
            // octets throws, so it is read here, with the rest of the structure.
            signature = request.Signature.GetOctets();
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException or FormatException)
        {
            return Fail(ProblemCodes.CsrMalformed, "The CSR is not a valid DER PKCS#10 structure.");
        }

        if (!SignatureSchemes.TryFromAlgorithmIdentifier(request.SignatureAlgorithm, out var scheme))
        {
            return Fail(ProblemCodes.CsrSignatureAlgorithmUnsupported, $"The CSR's signature algorithm {request.SignatureAlgorithm.Algorithm.Id} is not supported.");
        }

        PublicKeyDescription key;
        try
        {
            key = PublicKeys.Describe(publicKey);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException)
        {
            return Fail(ProblemCodes.CsrMalformed, "The CSR's public key does not parse.");
        }

        if (key.Algorithm is not { } algorithm)
        {
            return Fail(ProblemCodes.KeyNotAllowed, $"The key {key.Description} is not supported.");
        }

        if (!algorithm.Supports(scheme))
        {
            return Fail(ProblemCodes.CsrSignatureInvalid, $"A {key.Description} key cannot make a {scheme} signature.");
        }

        var signedBytes = info.GetDerEncoded();
        if (!SignatureVerifier.Verify(publicKey.GetDerEncoded(), scheme, signedBytes, signature))
        {
            return Fail(ProblemCodes.CsrSignatureInvalid, "The CSR's signature does not verify with its own public key.");
        }

        var (sans, sanError) = RequestedSans(info);
        return sanError is not null
            ? (null, sanError)
            : (new ParsedCsr(info.Subject, publicKey, key, sans), null);
    }

    private static (IReadOnlyList<GeneralName> Sans, IssuanceError? Error) RequestedSans(CertificationRequestInfo info)
    {
        try
        {
            var attributes = info.Attributes;
            if (attributes is null)
            {
                return ([], null);
            }

            foreach (var element in attributes)
            {
                var attribute = AttributePkcs.GetInstance(element);
                if (!attribute.AttrType.Equals(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest))
                {
                    continue;
                }

                var extensions = X509Extensions.GetInstance(attribute.AttrValues[0]);
                var san = extensions.GetExtension(X509Extensions.SubjectAlternativeName);
                return san is null ? ([], null) : (GeneralNames.GetInstance(san.GetParsedValue()).GetNames(), null);
            }

            return ([], null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException or IndexOutOfRangeException)
        {
            return ([], new IssuanceError(ProblemCodes.CsrMalformed, "The CSR's extension request does not parse."));
        }
    }

    private static bool TryDecodePem(string pem, out byte[] der)
    {
        der = [];
        if (!System.Security.Cryptography.PemEncoding.TryFind(pem, out var fields))
        {
            return false;
        }

        var label = pem.AsSpan()[fields.Label];
        if (!label.SequenceEqual("CERTIFICATE REQUEST") && !label.SequenceEqual("NEW CERTIFICATE REQUEST"))
        {
            return false;
        }

        der = Convert.FromBase64String(pem[fields.Base64Data]);
        return true;
    }

    private static (ParsedCsr?, IssuanceError?) Fail(ProblemCode code, string message) => (null, new IssuanceError(code, message));
}
