namespace Identity.People.SignIn;

/// <summary>Why a password sign-in ended as it did: for the audit trail and the logs, never for the person signing in.</summary>
public enum SignInReason
{
    /// <summary>Signed in.</summary>
    Success,

    /// <summary>The client address made too many attempts; nothing was checked.</summary>
    AddressRateLimited,

    /// <summary>No person has the login.</summary>
    LoginUnknown,

    /// <summary>The account is locked after failures in a row; nothing was checked.</summary>
    Locked,

    /// <summary>The person has no password (certificate sign-in only).</summary>
    PasswordNotSet,

    /// <summary>The password is wrong.</summary>
    PasswordWrong,

    /// <summary>The person is disabled.</summary>
    Disabled,

    /// <summary>An administrator without an enrolled authenticator: a one-time code is mandatory for them.</summary>
    TotpNotEnrolled,

    /// <summary>The person has an authenticator and sent no code.</summary>
    TotpMissing,

    /// <summary>The code is not the authenticator's current one.</summary>
    TotpWrong,

    /// <summary>The code was accepted once already (or an older one was).</summary>
    TotpReplayed,
}
