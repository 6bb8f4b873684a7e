namespace Pki.Ca.Issuance;

/// <summary>Why a request for a certificate was refused: a stable code and a message safe to show.</summary>
/// <param name="Code">Stable, e.g. <c>csr-signature-invalid</c>.</param>
/// <param name="Message">What was wrong, for the requester.</param>
public sealed record IssuanceError(string Code, string Message);
