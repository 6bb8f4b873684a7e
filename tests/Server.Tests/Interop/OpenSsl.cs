using TestSupport;

namespace Server.Tests.Interop;

/// <summary>The <c>openssl</c> command line (OpenSSL 3.0 or later).</summary>
public static class OpenSsl
{
    /// <summary>
    /// The SM2 user id the platform signs with (GM/T 0009 default). OpenSSL 3.0 checks an SM2
    /// signature only when told it: <c>-vfyopt distid:…</c> to verify, <c>-sigopt distid:…</c> to sign.
    /// </summary>
    public const string Sm2DistinguishingId = "distid:1234567812345678";

    /// <summary>Runs openssl; skips the test when it is missing.</summary>
    public static Task<ToolResult> RunAsync(params string[] arguments) =>
        ExternalTool.RunAsync(ExternalTool.Require("openssl"), arguments);

    /// <summary>Runs openssl and returns its standard output; fails the test when it exits non-zero.</summary>
    public static async Task<string> OutputAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"openssl {string.Join(' ', arguments)}\n{result}");
        return result.Output;
    }

    /// <summary>
    /// <c>openssl verify</c> of <paramref name="leafFile"/> against the hierarchy's root, with the
    /// issuing CA as untrusted intermediate; <paramref name="options"/> apply to the leaf.
    /// </summary>
    public static async Task<ToolResult> VerifyAsync(string hierarchy, string rootFile, string issuingFile, string leafFile, params string[] options)
    {
        if (hierarchy != InteropAlgorithms.Sm2)
        {
            return await RunAsync(["verify", "-CAfile", rootFile, "-untrusted", issuingFile, .. options, leafFile]);
        }

        // OpenSSL 3.0 gives -vfyopt's user id to the target certificate only and checks every
        // other SM2 signature in the chain with an empty id, so a whole SM2 chain never verifies
        // in one call. Each link is checked as a target instead: the issuing CA against the root,
        // then the leaf against the issuing CA as the trust anchor.
        var issuing = await RunAsync("verify", "-vfyopt", Sm2DistinguishingId, "-x509_strict", "-CAfile", rootFile, issuingFile);
        if (issuing.ExitCode != 0)
        {
            return issuing;
        }

        return await RunAsync(["verify", "-vfyopt", Sm2DistinguishingId, "-partial_chain", "-CAfile", issuingFile, .. options, leafFile]);
    }

    /// <summary>
    /// Checks an SM2 certificate's signature over its tbsCertificate with the certificate's own key
    /// (a self-signed root). <c>openssl verify -check_ss_sig</c> cannot: it checks the trust
    /// store's copy of the root, which never gets the user id.
    /// </summary>
    public static async Task<ToolResult> VerifySm2SelfSignatureAsync(string certificateFile, string directory)
    {
        var tbs = Path.Combine(directory, "tbs.der");
        var signature = Path.Combine(directory, "signature.der");
        var publicKey = Path.Combine(directory, "public.pem");
        // tbsCertificate is the SEQUENCE at offset 4 (after the outer SEQUENCE's 4-octet header);
        // the signature is the BIT STRING that asn1parse lists last.
        await OutputAsync("asn1parse", "-in", certificateFile, "-strparse", "4", "-noout", "-out", tbs);
        var last = (await OutputAsync("asn1parse", "-in", certificateFile)).TrimEnd().Split('\n')[^1];
        await OutputAsync("asn1parse", "-in", certificateFile, "-strparse", last[..last.IndexOf(':', StringComparison.Ordinal)].Trim(), "-noout", "-out", signature);
        await File.WriteAllTextAsync(publicKey, await OutputAsync("x509", "-in", certificateFile, "-noout", "-pubkey"));
        return await RunAsync("dgst", "-sm3", "-verify", publicKey, "-sigopt", Sm2DistinguishingId, "-signature", signature, tbs);
    }
}
