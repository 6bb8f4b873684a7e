namespace Identity.People.SignIn;

/// <summary>
/// How a password sign-in ended. <see cref="Reason"/> is for the audit trail and the logs;
/// the person signing in is shown only <see cref="UserMessage"/>, which is the same for every
/// failure (it never says whether the login, the password or the code was wrong), except a
/// refusal for the address's rate, which concerns no account.
/// </summary>
/// <param name="Reason">What decided it.</param>
/// <param name="Method">How the person tried to sign in: <c>pwd+otp</c> or <c>pwd</c> (the <c>amr</c> values of RFC 8176).</param>
/// <param name="Person">The person signed in; null on failure.</param>
/// <param name="UserMessage">What to show the person signing in.</param>
/// <param name="RetryAfter">When the address may try again, for a rate refusal.</param>
public sealed record SignInResult(SignInReason Reason, string Method, Person? Person, string UserMessage, TimeSpan? RetryAfter = null)
{
    /// <summary>The one message of every failure that concerns an account.</summary>
    public const string FailedMessage = "The login, password or one-time code is not right, or this account cannot sign in now.";

    /// <summary>True when the person signed in.</summary>
    public bool Succeeded => Reason == SignInReason.Success;

    /// <summary>The reason as the audit trail records it (<c>password-wrong</c>, <c>totp-replayed</c>, …).</summary>
    public string AuditReason => AuditNameOf(Reason);

    /// <summary>The audit name of a reason: its words in lowercase, joined by hyphens.</summary>
    public static string AuditNameOf(SignInReason reason) =>
        string.Concat(reason.ToString().Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
