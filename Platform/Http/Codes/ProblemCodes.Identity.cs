using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>The identity provider's codes: the directory of people, passwords, one-time codes.</summary>
public static partial class ProblemCodes
{
    /// <summary>A login that is not a valid login name.</summary>
    public static readonly ProblemCode LoginInvalid = new("login-invalid", Status400BadRequest,
        "login is 1 to 64 characters: lowercase letters, digits, '.', '_', '-' and '@', starting with a letter or digit.");

    /// <summary>A display name that is empty, too long or not printable.</summary>
    public static readonly ProblemCode DisplayNameInvalid = new("display-name-invalid", Status400BadRequest,
        "displayName is 1 to 128 printable characters.");

    /// <summary>No person with that login.</summary>
    public static readonly ProblemCode PersonUnknown = new("person-unknown", Status404NotFound, "No person with that login is in the directory.");

    /// <summary>The login is taken.</summary>
    public static readonly ProblemCode PersonExists = new("person-exists", Status409Conflict, "A person with that login is in the directory already (logins are compared in lowercase).");

    /// <summary>A password shorter than the policy allows.</summary>
    public static readonly ProblemCode PasswordTooShort = new("password-too-short", Status400BadRequest,
        "The password is shorter than the password policy's minimum length (Identity:People:Passwords:MinLength); the answer names it.");

    /// <summary>A password longer than the platform hashes.</summary>
    public static readonly ProblemCode PasswordTooLong = new("password-too-long", Status400BadRequest,
        "The password is longer than the password policy's maximum length (Identity:People:Passwords:MaxLength); the answer names it.");

    /// <summary>The certificate is revoked, on hold or expired.</summary>
    public static readonly ProblemCode CertificateNotCurrent = new("certificate-not-current", Status409Conflict,
        "The certificate is revoked, on hold or expired, so it cannot be bound to a person.");

    /// <summary>The certificate is bound to someone else.</summary>
    public static readonly ProblemCode CertificateBound = new("certificate-bound", Status409Conflict,
        "The certificate is bound to another person already; a certificate maps to one person.");

    /// <summary>A one-time code that does not confirm the enrolment.</summary>
    public static readonly ProblemCode TotpCodeInvalid = new("totp-code-invalid", Status400BadRequest,
        "code is not the current 6-digit one-time code of the authenticator being enrolled.");

    /// <summary>No enrolment waits for confirmation.</summary>
    public static readonly ProblemCode TotpEnrolmentMissing = new("totp-enrolment-missing", Status409Conflict,
        "No one-time-code enrolment waits for confirmation: start one with POST /identity/people/{login}/totp.");

    /// <summary>A bearer token the platform's APIs do not accept.</summary>
    public static readonly ProblemCode BearerTokenInvalid = new("bearer-token-invalid", Status401Unauthorized,
        "The bearer token is not one the platform's identity provider issued for its own APIs: expired, revoked, for another audience or issuer, or not validly signed.");
}
