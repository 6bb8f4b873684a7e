using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pki.Ca.Acme.Jws;

/// <summary>
/// An ACME account's public key, from its JWK (RFC 7517): RSA (at least 2048 bits), ECDSA on
/// P-256, P-384 or P-521, or Ed25519 (RFC 8037). Knows its RFC 7638 thumbprint, which is what the
/// key authorizations of challenges are made of and what makes an account's key unique, and
/// verifies the JWS algorithms that fit it.
/// </summary>
internal sealed class AccountKey : IDisposable
{
    private readonly RSA? rsa;
    private readonly ECDsa? ecdsa;
    private readonly NSec.Cryptography.PublicKey? ed25519;
    private readonly string curveAlgorithm = "";

    private AccountKey(string json, string thumbprint, RSA? rsa = null, ECDsa? ecdsa = null, string curveAlgorithm = "", NSec.Cryptography.PublicKey? ed25519 = null)
    {
        Json = json;
        Thumbprint = thumbprint;
        this.rsa = rsa;
        this.ecdsa = ecdsa;
        this.curveAlgorithm = curveAlgorithm;
        this.ed25519 = ed25519;
    }

    /// <summary>The JWK's required members only, in the RFC 7638 order: what is stored and shown.</summary>
    public string Json { get; }

    /// <summary>The RFC 7638 SHA-256 thumbprint, base64url.</summary>
    public string Thumbprint { get; }

    /// <summary>The key of a JWK, or null with why not (an unsupported type, curve or size, or a malformed member).</summary>
    public static AccountKey? Parse(JsonElement jwk, out string? error)
    {
        error = null;
        try
        {
            if (jwk.ValueKind != JsonValueKind.Object || !jwk.TryGetProperty("kty", out var kty) || kty.ValueKind != JsonValueKind.String)
            {
                error = "The jwk is not a JSON Web Key object with a 'kty'.";
                return null;
            }

            switch (kty.GetString())
            {
                case "RSA":
                {
                    var n = Member(jwk, "n");
                    var e = Member(jwk, "e");
                    var modulus = Base64Url.Decode(n);
                    if (modulus.Length < 256 || modulus.Length > 1024 || modulus[0] == 0)
                    {
                        error = "An RSA account key has a modulus of 2048 to 8192 bits, without leading zeros.";
                        return null;
                    }

                    var canonical = $"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}";
                    var key = RSA.Create();
                    key.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = Base64Url.Decode(e) });
                    return new(canonical, ThumbprintOf(canonical), rsa: key);
                }
                case "EC":
                {
                    var crv = Member(jwk, "crv");
                    var (curve, size, alg) = crv switch
                    {
                        "P-256" => (ECCurve.NamedCurves.nistP256, 32, "ES256"),
                        "P-384" => (ECCurve.NamedCurves.nistP384, 48, "ES384"),
                        "P-521" => (ECCurve.NamedCurves.nistP521, 66, "ES512"),
                        _ => (default(ECCurve), 0, ""),
                    };
                    if (size == 0)
                    {
                        error = "An EC account key is on P-256, P-384 or P-521.";
                        return null;
                    }

                    var x = Member(jwk, "x");
                    var y = Member(jwk, "y");
                    var (xBytes, yBytes) = (Base64Url.Decode(x), Base64Url.Decode(y));
                    if (xBytes.Length != size || yBytes.Length != size)
                    {
                        error = $"The coordinates of a {crv} key are {size} bytes each.";
                        return null;
                    }

                    var canonical = $"{{\"crv\":\"{crv}\",\"kty\":\"EC\",\"x\":\"{x}\",\"y\":\"{y}\"}}";
                    // ImportParameters checks that the point is on the curve.
                    var key = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = xBytes, Y = yBytes } });
                    return new(canonical, ThumbprintOf(canonical), ecdsa: key, curveAlgorithm: alg);
                }
                case "OKP":
                {
                    if (Member(jwk, "crv") != "Ed25519")
                    {
                        error = "An OKP account key is on Ed25519.";
                        return null;
                    }

                    var x = Member(jwk, "x");
                    var canonical = $"{{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"{x}\"}}";
                    var key = NSec.Cryptography.PublicKey.Import(NSec.Cryptography.SignatureAlgorithm.Ed25519, Base64Url.Decode(x), NSec.Cryptography.KeyBlobFormat.RawPublicKey);
                    return new(canonical, ThumbprintOf(canonical), ed25519: key);
                }
                default:
                    error = "An account key is an RSA, EC or OKP (Ed25519) key.";
                    return null;
            }
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException or InvalidOperationException)
        {
            error = "The jwk's members are not a valid public key.";
            return null;
        }
    }

    /// <summary>True when <paramref name="algorithm"/> is a JWS algorithm this key signs with.</summary>
    public bool Accepts(string algorithm) => algorithm switch
    {
        "RS256" or "RS384" or "RS512" or "PS256" or "PS384" or "PS512" => rsa is not null,
        "ES256" or "ES384" or "ES512" => ecdsa is not null && algorithm == curveAlgorithm,
        "EdDSA" => ed25519 is not null,
        _ => false,
    };

    /// <summary>Verifies a JWS signature (RFC 7518 §3: ECDSA as the two fixed-size integers, not DER).</summary>
    public bool Verify(string algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (!Accepts(algorithm))
        {
            return false;
        }

        try
        {
            return algorithm switch
            {
                "EdDSA" => NSec.Cryptography.SignatureAlgorithm.Ed25519.Verify(ed25519!, signingInput, signature),
                ['E', 'S', ..] => ecdsa!.VerifyData(signingInput, signature, Hash(algorithm), DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                ['P', 'S', ..] => rsa!.VerifyData(signingInput, signature, Hash(algorithm), RSASignaturePadding.Pss),
                _ => rsa!.VerifyData(signingInput, signature, Hash(algorithm), RSASignaturePadding.Pkcs1),
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The key as a SubjectPublicKeyInfo (DER), to compare with a certificate's or a CSR's key.</summary>
    public byte[] SubjectPublicKeyInfo() =>
        rsa?.ExportSubjectPublicKeyInfo() ?? ecdsa?.ExportSubjectPublicKeyInfo() ?? Ed25519SubjectPublicKeyInfo(ed25519!.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey));

    public void Dispose()
    {
        rsa?.Dispose();
        ecdsa?.Dispose();
    }

    private static HashAlgorithmName Hash(string algorithm) => algorithm[^3..] switch
    {
        "384" => HashAlgorithmName.SHA384,
        "512" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    private static string Member(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 2048 } text
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? text
            : throw new FormatException($"The jwk has no base64url '{name}'.");

    private static string ThumbprintOf(string canonical) => Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static byte[] Ed25519SubjectPublicKeyInfo(byte[] raw) => [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00, .. raw];
}
