using System.Text.Json;

namespace Server.Tests.Interop;

/// <summary>
/// SM2 requests from OpenSSL: the platform checks their SM3 self-signature with the default user
/// id (<c>1234567812345678</c>), the one OpenSSL is told to sign with, and no other.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class Sm2CsrInteropTests(InteropFixture fixture)
{
    [Fact]
    public async Task Issue_Sm2CsrSignedWithTheDefaultUserId_IsIssuedForTheSameKey()
    {
        var issued = await fixture.IssueAsync(InteropAlgorithms.Sm2, InteropAlgorithms.Sm2, ProfileRequest.DocumentSigning);

        var fromKey = await OpenSsl.OutputAsync("pkey", "-in", await fixture.Csrs.KeyFileAsync(InteropAlgorithms.Sm2), "-pubout");
        var fromCertificate = await OpenSsl.OutputAsync("x509", "-in", issued.LeafFile, "-noout", "-pubkey");
        var text = await OpenSsl.OutputAsync("x509", "-in", issued.LeafFile, "-noout", "-text");

        Assert.Equal(fromKey, fromCertificate);
        Assert.Contains("Signature Algorithm: SM2-with-SM3", text, StringComparison.Ordinal);
        Assert.Contains("ASN1 OID: SM2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_Sm2CsrSignedWithAnotherUserId_Answers400()
    {
        var server = await fixture.ServerAsync(InteropAlgorithms.Sm2);
        var request = ProfileRequest.For(ProfileRequest.DocumentSigning);
        var csrFile = Path.Combine(fixture.NewDirectory(), "other-id.csr");
        // The user id of the GM/T 0003 test vectors: a valid signature, but not over the default id.
        await OpenSsl.OutputAsync("req", "-new", "-key", await fixture.Csrs.KeyFileAsync(InteropAlgorithms.Sm2), "-subj", request.Subject,
            "-addext", "subjectAltName=" + request.SubjectAlternativeNames, "-sm3", "-sigopt", "distid:ALICE123@YAHOO.COM", "-out", csrFile);
        Assert.Equal(0, (await OpenSsl.RunAsync("req", "-in", csrFile, "-noout", "-verify", "-vfyopt", "distid:ALICE123@YAHOO.COM")).ExitCode);

        var answer = await Curl.PostJsonAsync(new Uri(server.Https, "/pki/certificates").ToString(), InteropFixture.TrustedRoot(server, InteropAlgorithms.Sm2),
            JsonSerializer.Serialize(new { csr = await File.ReadAllTextAsync(csrFile), profile = ProfileRequest.DocumentSigning }),
            fixture.NewDirectory(), server.DataFile("admin.pem"), server.DataFile("admin.key"));

        Assert.Equal(400, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(answer.Body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
    }
}
