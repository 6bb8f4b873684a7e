using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>EST (RFC 7030) codes beyond those of simple enrollment: path labels, manual approval, server-side key generation.</summary>
public static partial class ProblemCodes
{
    /// <summary>An EST path label (RFC 7030 §3.2.2) that names no department.</summary>
    public static readonly ProblemCode EstLabelUnknown = new("est-label-unknown", Status404NotFound,
        "The EST path label names no department (RFC 7030 §3.2.2: the label is the department's name).");

    /// <summary>The certificate request an EST CSR made was rejected or expired: that CSR gets nothing more.</summary>
    public static readonly ProblemCode EstRequestRefused = new("est-request-refused", Status403Forbidden,
        "The certificate request this CSR made was rejected by an officer or expired unissued; enroll again with a new key.");

    /// <summary>serverkeygen cannot make the key asked for, or cannot encrypt it to the requester's key.</summary>
    public static readonly ProblemCode ServerKeygenUnsupported = new("server-keygen-unsupported", Status400BadRequest,
        "Server-side key generation makes RSA, ECDSA P-256/P-384 or SM2 keys, and encrypts them to an RSA or ECDSA P-256/P-384 key of the requester.");
}
