namespace Signatures.Validation.Reports;

/// <summary>The signer's certificate as a report names it.</summary>
/// <param name="Subject">The subject's distinguished name.</param>
/// <param name="SerialNumber">Lowercase hex.</param>
/// <param name="Issuer">The issuer's distinguished name.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="SignatureAlgorithm">The signer's signature scheme, e.g. <c>EcdsaSha256</c>.</param>
public sealed record SignerSummary(string Subject, string SerialNumber, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string? SignatureAlgorithm);
