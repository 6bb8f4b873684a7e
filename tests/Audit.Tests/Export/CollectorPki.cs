using TestSupport;

namespace Audit.Tests.Export;

/// <summary>
/// A CA made with openssl, which issued the collector's TLS certificate (for 127.0.0.1 and
/// localhost) and a client certificate for the exporter, as PEM files in a directory.
/// </summary>
internal sealed class CollectorPki
{
    private CollectorPki(string directory) => Directory = directory;

    public string Directory { get; }

    public string CaFile => Path.Combine(Directory, "ca.pem");

    public string CollectorCertificateFile => Path.Combine(Directory, "collector.pem");

    public string CollectorKeyFile => Path.Combine(Directory, "collector-key.pem");

    public string ClientCertificateFile => Path.Combine(Directory, "client.pem");

    public string ClientKeyFile => Path.Combine(Directory, "client-key.pem");

    /// <summary>Creates the CA and both certificates with openssl under <paramref name="directory"/>.</summary>
    public static async Task<CollectorPki> CreateAsync(string directory, string caName = "Test Collector CA")
    {
        var openssl = ExternalTool.Require("openssl");
        System.IO.Directory.CreateDirectory(directory);
        var pki = new CollectorPki(directory);
        await RunAsync(openssl, directory, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2", "-subj", $"/CN={caName}",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        await IssueAsync(openssl, directory, "collector", "/CN=localhost",
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n");
        await IssueAsync(openssl, directory, "client", "/CN=SecurityPlatform Audit Export",
            "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n");
        return pki;
    }

    private static async Task IssueAsync(string openssl, string directory, string name, string subject, string extensions)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, name + ".ext"), extensions);
        await RunAsync(openssl, directory, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", name + "-key.pem", "-out", name + ".csr", "-subj", subject);
        await RunAsync(openssl, directory, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
            "-CAcreateserial", "-days", "1", "-out", name + ".pem", "-extfile", name + ".ext");
    }

    private static async Task RunAsync(string openssl, string directory, params string[] arguments)
    {
        var result = await ExternalTool.RunAsync(openssl, arguments, workingDirectory: directory);
        Assert.True(result.ExitCode == 0, $"openssl {string.Join(' ', arguments)}\n{result}");
    }
}
