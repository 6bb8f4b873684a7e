using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Profiles;
using Pki.Ca.Registration;
using Platform.Auditing;
using Platform.Cryptography;
using Platform.Cryptography.Software;
using Platform.Http;
using Platform.Keys;
using System.Security.Cryptography;

namespace Pki.Ca.Escrow;

/// <summary>
/// The encryption half of a dual certificate pair (GM/T 0014): for a signing certificate issued
/// from the requester's own key, the platform generates an encryption key pair of the same family
/// (SM2 for SM2, the same NIST curve for ECDSA, the same modulus size for RSA), issues its
/// certificate under the encryption profile with the signing certificate's subject and names, from
/// the same CA, seals the private key under the key store's key-encryption key for escrow, and
/// encrypts it to the signing certificate for the requester. Nothing is stored here: the caller
/// commits the pair with the approval that issues it.
/// </summary>
internal sealed class EncryptionCertificateIssuer(CertificateIssuer issuer, ProfileCatalog profiles, CaRegistry registry, SecretSealer sealer, TimeProvider time, IOptions<CaOptions> options)
{
    /// <summary>The sealing purpose of escrowed keys; each is bound to its encryption certificate's serial number.</summary>
    public const string SealPurpose = "pki.escrow";

    /// <summary>The encryption profile, as configured.</summary>
    public string Profile => options.Value.Registration.EncryptionProfile;

    /// <summary>
    /// Null when a request with <paramref name="csr"/> can have an encryption certificate: its key
    /// has a family the platform generates encryption keys of, and its names fit the encryption profile.
    /// </summary>
    public IssuanceError? Check(ParsedCsr csr)
    {
        if (!IsEncryptionFamily(csr.Key.Algorithm))
        {
            return new(ProblemCodes.EncryptionCertificateUnsupported,
                $"A dual pair needs a signing key of SM2, ECDSA (P-256, P-384) or RSA; this CSR's key is {csr.Key.Description}.");
        }

        if (!profiles.TryGet(Profile, out var profile))
        {
            return new(ProblemCodes.ProfileUnknown, $"There is no certificate profile '{Profile}' for encryption certificates.");
        }

        // The generated key is of the CSR's own type, so the CSR itself stands for it here.
        return ProfilePolicy.Check(profile, csr);
    }

    /// <summary>The encryption certificate and escrowed key for <paramref name="signing"/>, the signing certificate just signed for <paramref name="request"/>.</summary>
    public (EscrowedPair? Pair, IssuanceError? Error) Issue(CertificateRequest request, SignedCertificate signing, IssuanceRequest issuance)
    {
        var (csr, parseError) = CsrParser.Parse(request.Csr);
        if (parseError is not null)
        {
            return (null, parseError);
        }

        if (!IsEncryptionFamily(csr!.Key.Algorithm) || !registry.TryGet(signing.Record.CaName, out var ca))
        {
            return (null, new(ProblemCodes.EncryptionCertificateUnsupported, $"No encryption key can be generated for a {csr.Key.Description} signing key."));
        }

        var algorithm = csr.Key.Algorithm!.Value;
        var pkcs8 = SoftwareKeys.Generate(algorithm);
        try
        {
            SubjectPublicKeyInfo publicKey;
            using (var generated = SoftwareKeys.Load("escrow", algorithm, pkcs8))
            {
                publicKey = SubjectPublicKeyInfo.GetInstance(generated.SubjectPublicKeyInfo.ToArray());
            }

            var names = csr with { PublicKey = publicKey, Key = PublicKeys.Describe(publicKey) };
            var (signed, error) = issuer.SignForGeneratedKey(Profile, names, ca, issuance);
            if (error is not null)
            {
                return (null, error);
            }

            var serial = signed!.Record.SerialNumber;
            var signingCertificate = new X509CertificateParser().ReadCertificate(signing.Record.Certificate);
            var envelope = KeyEnvelopes.Seal(signingCertificate, pkcs8, algorithm);
            var now = time.GetUtcNow();
            var key = new EscrowedKey(serial, signing.Record.SerialNumber, request.Id, request.Department, algorithm.Name(),
                sealer.Seal(SealPurpose, serial, pkcs8), envelope.Format, envelope.Der, now);
            var certificate = signed with
            {
                Record = signed.Record with { RequestedBy = request.RequesterName },
                Event = signed.Event with
                {
                    Details = new Dictionary<string, string>(signed.Event.Details)
                    {
                        ["request"] = request.Id, ["requestedBy"] = request.RequesterName, ["keyGeneratedBy"] = "platform", ["signingCertificate"] = signing.Record.SerialNumber,
                    },
                },
            };
            var escrowed = EscrowEvents.Of(new AuditOrigin(issuance.Requester, issuance.SourceAddress, issuance.RequestId), EscrowEvents.Escrow, AuditOutcome.Success, serial, new()
            {
                ["department"] = request.Department,
                ["request"] = request.Id,
                ["signingCertificate"] = signing.Record.SerialNumber,
                ["key"] = algorithm.Name(),
                ["envelope"] = envelope.Format,
            });
            return (new EscrowedPair(certificate, key, escrowed), null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Whether the platform generates encryption keys of this family: Ed25519 signs only (its encryption sibling, X25519, is not a certificate key here).</summary>
    private static bool IsEncryptionFamily(KeyAlgorithm? algorithm) => algorithm is not null and not KeyAlgorithm.Ed25519;
}
