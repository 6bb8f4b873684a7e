using Microsoft.Extensions.Options;
using Platform.Http;

namespace Identity.People.Passwords;

/// <summary>
/// What a new password must be: between the configured minimum and maximum length, counted in
/// characters as people count them (Unicode scalar values). Nothing else is demanded: length
/// matters more than character classes (NIST SP 800-63B §5.1.1).
/// </summary>
internal sealed class PasswordPolicy(IOptions<PeopleOptions> options)
{
    /// <summary>The problem with <paramref name="password"/>, or null when the policy accepts it.</summary>
    public (ProblemCode Code, string Detail)? Check(string password)
    {
        var settings = options.Value.Passwords;
        // Counted cheaply first: a huge string is refused without walking it.
        var length = password.Length > settings.MaxLength * 2 ? int.MaxValue : password.EnumerateRunes().Count();
        if (length < settings.MinLength)
        {
            return (ProblemCodes.PasswordTooShort, $"The password must have at least {settings.MinLength} characters.");
        }

        return length > settings.MaxLength
            ? (ProblemCodes.PasswordTooLong, $"The password must have at most {settings.MaxLength} characters.")
            : null;
    }
}
