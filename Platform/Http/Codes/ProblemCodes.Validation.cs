using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>
/// The signature validation's codes: requests to <c>POST /signatures/verify</c> that carry no
/// signature to validate. A signature that is there but wrong is not a refusal: it is a report.
/// </summary>
public static partial class ProblemCodes
{
    /// <summary>The signature field is missing or not base64.</summary>
    public static readonly ProblemCode VerificationSignatureInvalid = new("verification-signature-invalid", Status400BadRequest,
        "signature is required: the base64 of a DER CMS SignedData (ContentInfo).");

    /// <summary>The content field is not base64.</summary>
    public static readonly ProblemCode VerificationContentInvalid = new("verification-content-invalid", Status400BadRequest,
        "content, when given (for a detached signature), is base64.");

    /// <summary>The content or the signature is larger than the service validates.</summary>
    public static readonly ProblemCode VerificationContentTooLarge = new("verification-content-too-large", Status413PayloadTooLarge,
        "The content, or the signature with the content it encapsulates, is larger than Signatures:MaxContentBytes allows.");
}
