using Platform.Cryptography;
using Platform.Cryptography.Software;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Server.Cli;

/// <summary>
/// Signing with the caller's own key: the service prepares the CAdES signed attributes for the
/// certificate, they are signed here with the local PKCS#8 key, and the signature value goes back
/// with them; the private key never leaves this machine.
/// </summary>
internal static class OwnKeySignature
{
    /// <summary>Adds <c>certificate</c>, <c>signedAttributes</c> and <c>signatureValue</c> to a sign request; false after printing why not.</summary>
    public static async Task<bool> AddAsync(HttpClient client, JsonObject request, string certificateFile, string keyFile, TextWriter error)
    {
        var certificatePem = await File.ReadAllTextAsync(certificateFile);
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        var algorithm = PublicKeys.Describe(certificate.PublicKey.ExportSubjectPublicKeyInfo())?.Algorithm;
        if (algorithm is not { } keyAlgorithm)
        {
            await error.WriteLineAsync($"{certificateFile}: the certificate's key is of no type the platform signs with.");
            return false;
        }

        var prepare = new JsonObject
        {
            ["content"] = request["content"]!.DeepClone(),
            ["detached"] = request["detached"]!.DeepClone(),
            ["certificate"] = certificatePem,
        };
        if (await SignaturesCommand.PostAsync(client, "signatures/prepare", prepare, error) is not { } prepared)
        {
            return false;
        }

        var signedAttributes = prepared["signedAttributes"]!.GetValue<string>();
        var pkcs8 = PrivateKeyBytes(await File.ReadAllTextAsync(keyFile));
        try
        {
            using var key = SoftwareKeys.Load("local", keyAlgorithm, pkcs8);
            request["signatureValue"] = Convert.ToBase64String(key.Sign(Convert.FromBase64String(signedAttributes)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        request["certificate"] = certificatePem;
        request["signedAttributes"] = signedAttributes;
        return true;
    }

    private static byte[] PrivateKeyBytes(string pem)
    {
        var fields = PemEncoding.Find(pem);
        if (pem[fields.Label] is not "PRIVATE KEY")
        {
            throw new IOException("The signer key must be a PKCS#8 PEM file (-----BEGIN PRIVATE KEY-----).");
        }

        return Convert.FromBase64String(pem[fields.Base64Data]);
    }
}
