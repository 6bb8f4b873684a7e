using Server.Tests.Interop;
using System.Security.Cryptography.X509Certificates;

namespace Server.Tests.Acme;

/// <summary>What every certificate an ACME client obtained must satisfy, checked with OpenSSL rather than with our own code.</summary>
internal static class IssuedCertificateAssert
{
    /// <summary>
    /// The run succeeded, <c>openssl verify</c> chains its leaf through the issuer chain the
    /// client saved to the server's issuing root, and the leaf names exactly <paramref name="domains"/>.
    /// Returns the leaf's serial number (hex).
    /// </summary>
    public static async Task<string> ValidAsync(AcmeClientRun run, AcmeServerUnderTest server, params string[] domains)
    {
        Assert.True(run.Succeeded, run.ToString());
        Assert.True(File.Exists(run.CertificateFile) && File.Exists(run.ChainFile), "no certificate or chain file\n" + run);
        var verify = await OpenSsl.RunAsync("verify", "-CAfile", server.IssuerRootFile, "-untrusted", run.ChainFile, "-purpose", "sslserver", run.CertificateFile);
        Assert.True(verify.ExitCode == 0, "openssl verify\n" + verify + "\n" + run.CommandLine);

        using var leaf = X509CertificateLoader.LoadCertificateFromFile(run.CertificateFile);
        var names = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().Order(StringComparer.Ordinal);
        Assert.Equal(domains.Order(StringComparer.Ordinal), names);
        return leaf.SerialNumber;
    }
}
