using Platform.Http;

namespace Pki.Ca.Issuance;

/// <summary>Why a request for a certificate was refused: a catalogued code and a message safe to show.</summary>
/// <param name="Code">The code, e.g. <see cref="ProblemCodes.CsrSignatureInvalid"/>.</param>
/// <param name="Message">What was wrong, for the requester.</param>
public sealed record IssuanceError(ProblemCode Code, string Message);
