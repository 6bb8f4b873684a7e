namespace Pki.Ca.Issuance;

/// <summary>The outcome of an issuance: a certificate or a refusal, never both.</summary>
public sealed record IssuanceResult
{
    private IssuanceResult(IssuedCertificate? issued, IssuanceError? error) => (Issued, Error) = (issued, error);

    /// <summary>The certificate, when issued.</summary>
    public IssuedCertificate? Issued { get; }

    /// <summary>Why not, when refused.</summary>
    public IssuanceError? Error { get; }

    /// <summary>A success.</summary>
    public static IssuanceResult Success(IssuedCertificate issued) => new(issued, null);

    /// <summary>A refusal.</summary>
    public static IssuanceResult Refused(IssuanceError error) => new(null, error);
}
