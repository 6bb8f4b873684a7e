namespace Server.Tests.Interop;

/// <summary>
/// A certificate the platform issued, with its chain, written to files for the outside tools:
/// <c>leaf.pem</c>, <c>issuing.pem</c>, <c>root.pem</c> and <c>bundle.pem</c> (leaf, issuing, root).
/// The CA files are those the platform wrote into its data directory, not the API's chain, so the
/// tools check the certificate against the published hierarchy.
/// </summary>
public sealed record IssuedChain(string Hierarchy, string Profile, string SerialNumber, string LeafFile, string IssuingFile, string RootFile, string BundleFile)
{
    public static IssuedChain Write(string directory, string hierarchy, string profile, string serialNumber, string leafPem, string issuingPem, string rootPem)
    {
        Directory.CreateDirectory(directory);
        var chain = new IssuedChain(hierarchy, profile, serialNumber,
            Path.Combine(directory, "leaf.pem"), Path.Combine(directory, "issuing.pem"),
            Path.Combine(directory, "root.pem"), Path.Combine(directory, "bundle.pem"));
        File.WriteAllText(chain.LeafFile, leafPem);
        File.WriteAllText(chain.IssuingFile, issuingPem);
        File.WriteAllText(chain.RootFile, rootPem);
        File.WriteAllText(chain.BundleFile, string.Join("", new[] { leafPem, issuingPem, rootPem }.Select(p => p.TrimEnd() + "\n")));
        return chain;
    }
}
