using TestSupport;

namespace Server.Tests.Acme;

/// <summary>
/// One run of an ACME client: how it exited, what it printed, and where its certificate and
/// issuer chain are when it obtained one (leaf alone in <paramref name="CertificateFile"/>).
/// </summary>
public sealed record AcmeClientRun(string CommandLine, ToolResult Result, string CertificateFile, string ChainFile)
{
    public bool Succeeded => Result.ExitCode == 0;

    /// <summary>Everything a failing assertion should show.</summary>
    public override string ToString() => CommandLine + "\n" + Result;
}
