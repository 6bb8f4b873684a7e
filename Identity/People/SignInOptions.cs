namespace Identity.People;

/// <summary>
/// How password sign-in resists guessing (section <c>Identity:People:SignIn</c>): an account is
/// locked for <see cref="LockoutMinutes"/> after <see cref="MaxFailedAttempts"/> failures in a row,
/// in the database so every node sees it; and each client address has a token bucket of
/// <see cref="AddressBurst"/> attempts, refilled at <see cref="AddressAttemptsPerMinute"/>, on each
/// node. Both are checked before any password is hashed.
/// </summary>
public sealed class SignInOptions
{
    /// <summary>Failed sign-ins in a row that lock the account.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>The most attempts one address may make at once.</summary>
    public int AddressBurst { get; set; } = 20;

    /// <summary>The attempts given back to each address per minute.</summary>
    public int AddressAttemptsPerMinute { get; set; } = 10;

    internal IEnumerable<string> Problems()
    {
        if (MaxFailedAttempts is < 1 or > 1000)
        {
            yield return "Identity:People:SignIn:MaxFailedAttempts must be between 1 and 1000.";
        }

        if (LockoutMinutes is < 1 or > 24 * 60)
        {
            yield return "Identity:People:SignIn:LockoutMinutes must be between 1 and 1440.";
        }

        if (AddressBurst < 1 || AddressAttemptsPerMinute < 1)
        {
            yield return "Identity:People:SignIn: AddressBurst and AddressAttemptsPerMinute must be at least 1.";
        }
    }
}
