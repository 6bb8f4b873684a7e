using Server.Tests.Hosting;
using Server.Tests.Interop;
using TestSupport;

namespace Server.Tests.Est;

/// <summary>
/// EST <c>serverkeygen</c> (RFC 7030 §4.4) as a client would use it with curl and openssl: the
/// multipart answer is split, <c>openssl cms -decrypt</c> with the requester's key opens the key
/// part, and the key it holds is the certificate's, which verifies against <c>cacerts</c>.
/// </summary>
public sealed class EstServerKeygenTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Theory]
    [InlineData("EC")]
    [InlineData("EC-P384")]
    [InlineData("RSA")]
    public async Task ServerKeygen_WithASecret_ReturnsAKeyEncryptedToTheCsrsKey_ForTheCertificate(string algorithm)
    {
        using var work = new TemporaryDirectory();
        var department = await Registration.RegistrationFixture.DepartmentAsync(Server, profiles: ["tls-server"]);
        var credentials = await EstCurl.SecretAsync(Server, department);
        var requesterKey = await EstCurl.KeyAsync(work, algorithm);
        var host = $"www.{department}.city.example";
        var csr = await EstCurl.CsrAsync(work, requesterKey, $"/O=City Finance/CN={host}", $"subjectAltName=DNS:{host}");

        var answer = await EstCurl.RunAsync(Server, work, "/.well-known/est/serverkeygen", csr, basic: credentials);

        Assert.True(answer.Status == 200, answer.Body);
        var (key, certificate) = await OpenAsync(work, answer, requesterKey);
        Assert.Contains($"CN = {host}", await OpenSsl.OutputAsync("x509", "-in", certificate, "-noout", "-subject"), StringComparison.Ordinal);
        Assert.Equal(await OpenSsl.OutputAsync("x509", "-in", certificate, "-noout", "-pubkey"), await OpenSsl.OutputAsync("pkey", "-in", key, "-pubout"));
        Assert.NotEqual(await OpenSsl.OutputAsync("pkey", "-in", requesterKey, "-pubout"), await OpenSsl.OutputAsync("pkey", "-in", key, "-pubout"));
        Assert.Contains(algorithm switch { "RSA" => "Modulus:", "EC-P384" => "secp384r1", _ => "prime256v1" },
            await OpenSsl.OutputAsync("pkey", "-in", key, "-noout", "-text_pub"), StringComparison.Ordinal);
        await VerifiesAgainstCaCertsAsync(work, certificate);
        var again = await EstCurl.RunAsync(Server, work, "/.well-known/est/serverkeygen", csr, basic: credentials);
        Assert.Equal((401, "text/plain; charset=utf-8"), (again.Status, again.ContentType));
    }

    [Theory]
    [InlineData("EC")]
    [InlineData("RSA")]
    public async Task ServerKeygen_WithTheClientCertificate_EncryptsToIt_AndRenewsItsNames(string clientAlgorithm)
    {
        using var work = new TemporaryDirectory();
        var subject = $"/O=City/CN=keygen-client-{Guid.NewGuid():n}";
        var clientKey = await EstCurl.KeyAsync(work, clientAlgorithm);
        var clientCsr = Path.Combine(work.Path, "client.csr");
        await OpenSsl.OutputAsync("req", "-new", "-key", clientKey, "-subj", subject, "-out", clientCsr);
        var clientCertificate = Path.Combine(work.Path, "client.pem");
        await File.WriteAllTextAsync(clientCertificate, (await Server.IssueAsync(await File.ReadAllTextAsync(clientCsr), "tls-client")).Certificate);
        // The CSR only names what the new certificate is for; its own key may be any the server generates.
        var csr = await EstCurl.CsrAsync(work, await EstCurl.KeyAsync(work, "RSA"), subject);

        var answer = await EstCurl.RunAsync(Server, work, "/.well-known/est/serverkeygen", csr, clientCertificate, clientKey);

        Assert.True(answer.Status == 200, answer.Body);
        var (key, certificate) = await OpenAsync(work, answer, clientKey);
        Assert.Equal(await OpenSsl.OutputAsync("x509", "-in", certificate, "-noout", "-pubkey"), await OpenSsl.OutputAsync("pkey", "-in", key, "-pubout"));
        Assert.Equal(await OpenSsl.OutputAsync("x509", "-in", clientCertificate, "-noout", "-subject"), await OpenSsl.OutputAsync("x509", "-in", certificate, "-noout", "-subject"));
        Assert.Contains("Modulus:", await OpenSsl.OutputAsync("pkey", "-in", key, "-noout", "-text_pub"), StringComparison.Ordinal);
        await VerifiesAgainstCaCertsAsync(work, certificate);
    }

    [Fact]
    public async Task ServerKeygen_ForAKeyItCannotEncryptTo_OrOutsideTheDepartment_IsRefused_BeforeAnythingIsIssued()
    {
        using var work = new TemporaryDirectory();
        var department = await Registration.RegistrationFixture.DepartmentAsync(Server, profiles: ["tls-server"]);
        var credentials = await EstCurl.SecretAsync(Server, department);
        var ed25519 = Path.Combine(work.Path, "ed25519.key");
        await OpenSsl.OutputAsync("genpkey", "-algorithm", "ED25519", "-out", ed25519);
        var host = $"www.{department}.city.example";
        var unsupported = await EstCurl.CsrAsync(work, ed25519, $"/O=City Finance/CN={host}", $"subjectAltName=DNS:{host}");
        var foreign = await EstCurl.CsrAsync(work, await EstCurl.KeyAsync(work), "/O=City Finance/CN=www.bank.example", "subjectAltName=DNS:www.bank.example");
        var good = await EstCurl.CsrAsync(work, await EstCurl.KeyAsync(work), $"/O=City Finance/CN={host}", $"subjectAltName=DNS:{host}");

        var refusedKey = await EstCurl.RunAsync(Server, work, "/.well-known/est/serverkeygen", unsupported, basic: credentials);
        var refusedName = await EstCurl.RunAsync(Server, work, $"/.well-known/est/{department}/serverkeygen", foreign, basic: credentials);
        var otherLabel = await EstCurl.RunAsync(Server, work, "/.well-known/est/no-such-department/serverkeygen", good, basic: credentials);
        // Neither refusal spent the secret.
        var issued = await EstCurl.RunAsync(Server, work, $"/.well-known/est/{department}/serverkeygen", good, basic: credentials);

        Assert.Equal((400, "text/plain; charset=utf-8"), (refusedKey.Status, refusedKey.ContentType));
        Assert.Contains("ED25519", refusedKey.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(403, refusedName.Status);
        Assert.Contains("www.bank.example", refusedName.Body, StringComparison.Ordinal);
        Assert.Equal((404, "text/plain; charset=utf-8"), (otherLabel.Status, otherLabel.ContentType));
        Assert.True(issued.Status == 200, issued.Body);
    }

    /// <summary>Splits the multipart answer; decrypts its key part with <paramref name="requesterKey"/>. The key (PEM) and certificate files.</summary>
    private static async Task<(string Key, string Certificate)> OpenAsync(TemporaryDirectory work, CurlAnswer answer, string requesterKey)
    {
        Assert.StartsWith("multipart/mixed; boundary=", answer.ContentType, StringComparison.Ordinal);
        var boundary = answer.ContentType["multipart/mixed; boundary=".Length..];
        var parts = answer.Body.Split("--" + boundary, StringSplitOptions.None);
        Assert.Equal("--\r\n", parts[^1]);
        var (keyHeaders, keyBody) = Part(parts[1]);
        var (certHeaders, certBody) = Part(parts[2]);
        Assert.Contains("Content-Type: application/pkcs7-mime; smime-type=server-generated-key", keyHeaders, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/pkcs7-mime; smime-type=certs-only", certHeaders, StringComparison.Ordinal);
        Assert.Contains("Content-Transfer-Encoding: base64", keyHeaders, StringComparison.Ordinal);

        var envelope = Path.Combine(work.Path, $"key-{Guid.NewGuid():n}.p7");
        await File.WriteAllTextAsync(envelope + ".b64", keyBody);
        await OpenSsl.OutputAsync("base64", "-d", "-in", envelope + ".b64", "-out", envelope);
        var pkcs8 = envelope + ".pkcs8.der";
        await OpenSsl.OutputAsync("cms", "-decrypt", "-inform", "DER", "-in", envelope, "-inkey", requesterKey, "-binary", "-out", pkcs8);
        var key = envelope + ".key.pem";
        await OpenSsl.OutputAsync("pkey", "-inform", "DER", "-in", pkcs8, "-out", key);
        var certificate = envelope + ".crt.pem";
        await File.WriteAllTextAsync(certificate, await EstCurl.PrintCertsAsync(work, certBody));
        return (key, certificate);
    }

    private static (string Headers, string Body) Part(string part)
    {
        var split = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (part[..split], part[(split + 4)..]);
    }

    /// <summary>openssl verify of the certificate against the chain <c>cacerts</c> serves.</summary>
    private async Task VerifiesAgainstCaCertsAsync(TemporaryDirectory work, string certificate)
    {
        var cacerts = await EstCurl.RunAsync(Server, work, "/.well-known/est/cacerts");
        var chain = Path.Combine(work.Path, $"cacerts-{Guid.NewGuid():n}.pem");
        await File.WriteAllTextAsync(chain, await EstCurl.PrintCertsAsync(work, cacerts.Body));
        var verify = await OpenSsl.RunAsync("verify", "-CAfile", chain, certificate);
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }
}
