using System.Security.Cryptography;
using Identity.People.Passwords;
using Identity.People.Storage;
using Identity.People.Totp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Keys;

namespace Identity.People.SignIn;

/// <summary>
/// Checks a login, a password and a one-time code, for the login page. In this order: the
/// address's rate and the account's lockout (before any hashing, which is what a sign-in
/// costs); the password, hashed even for an unknown login so the answer time tells nothing;
/// then, in one transaction with the failure count and the last accepted code, the person's
/// status and code. A one-time code is mandatory for administrators and, once enrolled, for
/// everyone who has one; no code is accepted twice. Every attempt that reaches an account is
/// one <c>identity</c> <c>sign-in</c> audit event with its method and reason; attempts refused
/// for their address's rate are counted (<c>securityplatform.identity.sign_in.rate_limited</c>)
/// and not audited one by one, as the platform's other per-address limits. Every attempt is
/// counted by method, outcome and reason (<c>securityplatform.identity.sign_ins</c>).
/// </summary>
internal sealed partial class PasswordSignIn
{
    private readonly IPersonStore store;
    private readonly PasswordHasher hasher;
    private readonly SecretSealer sealer;
    private readonly AddressAttemptLimiter limiter;
    private readonly IAuditTrail trail;
    private readonly TimeProvider time;
    private readonly IOptions<PeopleOptions> options;
    private readonly ILogger<PasswordSignIn> logger;
    private readonly Metrics.IdentityMetrics metrics;

    // The audit reason names, made once: counting a sign-in formats nothing.
    private static readonly string[] ReasonNames = [.. Enum.GetValues<SignInReason>().Order().Select(SignInResult.AuditNameOf)];

    public PasswordSignIn(IPersonStore store, PasswordHasher hasher, SecretSealer sealer, AddressAttemptLimiter limiter, IAuditTrail trail,
        TimeProvider time, IOptions<PeopleOptions> options, ILogger<PasswordSignIn> logger, Metrics.IdentityMetrics metrics)
    {
        this.store = store;
        this.hasher = hasher;
        this.sealer = sealer;
        this.limiter = limiter;
        this.trail = trail;
        this.time = time;
        this.options = options;
        this.logger = logger;
        this.metrics = metrics;
    }

    /// <summary>Checks <paramref name="attempt"/>; expected failures are results, never exceptions.</summary>
    public async Task<SignInResult> SignInAsync(SignInAttempt attempt, CancellationToken cancellationToken = default)
    {
        var result = await CheckAsync(attempt, cancellationToken);
        metrics.SignIn(result.Method, result.Succeeded, ReasonNames[(int)result.Reason]);
        return result;
    }

    private async Task<SignInResult> CheckAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var (allowed, retryAfter) = limiter.TryTake(attempt.Address);
        if (!allowed)
        {
            metrics.RateLimited();
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            return new SignInResult(SignInReason.AddressRateLimited, MethodOf(null, attempt), null,
                $"Too many sign-in attempts from this address; try again in {seconds} seconds.", retryAfter);
        }

        var login = PersonNames.NormalizeLogin(attempt.Login);
        var stored = login is null ? null : await store.GetAsync(login, cancellationToken);
        var now = time.GetUtcNow();
        if (stored is null)
        {
            await hasher.VerifyAsync(attempt.Password ?? "", null, cancellationToken);
            return await RecordAsync(attempt, login, SignInReason.LoginUnknown, MethodOf(null, attempt), locked: false, cancellationToken);
        }

        if (stored.LockedUntil > now)
        {
            return await RecordAsync(attempt, login, SignInReason.Locked, MethodOf(stored, attempt), locked: false, cancellationToken);
        }

        var passwordRight = await hasher.VerifyAsync(attempt.Password ?? "", stored.PasswordHash, cancellationToken);
        // Rehashed now, outside the transaction, if the parameters changed since; stored only if the sign-in succeeds.
        var rehash = passwordRight && hasher.NeedsRehash(stored.PasswordHash!) ? await hasher.HashAsync(attempt.Password!, cancellationToken) : null;
        now = time.GetUtcNow();
        var settings = options.Value.SignIn;
        var (found, result) = await store.UpdateAsync(stored.Login, current =>
        {
            var (reason, step) = Decide(current, stored.PasswordHash, passwordRight, attempt.TotpCode, now);
            var method = MethodOf(current, attempt);
            var auditEvent = Event(attempt, current.Login, reason, method);
            if (reason == SignInReason.Success)
            {
                var signedIn = current with
                {
                    FailedAttempts = 0,
                    LockedUntil = null,
                    TotpLastStep = step ?? current.TotpLastStep,
                    PasswordHash = rehash ?? current.PasswordHash,
                };
                return new PersonChange<(SignInReason, string, bool, Person?)>((reason, method, false, signedIn.ToPerson()), signedIn, auditEvent);
            }

            if (reason == SignInReason.Locked)
            {
                return new PersonChange<(SignInReason, string, bool, Person?)>((reason, method, false, null), null, auditEvent);
            }

            // Every other failure counts towards the lockout: the person signing in cannot tell them apart anyway.
            var failures = current.FailedAttempts + 1;
            var locks = failures >= settings.MaxFailedAttempts;
            var failed = current with
            {
                FailedAttempts = locks ? 0 : failures,
                LockedUntil = locks ? now.AddMinutes(settings.LockoutMinutes) : current.LockedUntil,
            };
            return new PersonChange<(SignInReason, string, bool, Person?)>((reason, method, locks, null), failed, WithLock(auditEvent, locks));
        }, cancellationToken);

        if (!found)
        {
            // Removed between the read and the write.
            return await RecordAsync(attempt, login, SignInReason.LoginUnknown, MethodOf(null, attempt), locked: false, cancellationToken);
        }

        var (decided, usedMethod, lockedNow, person) = result;
        if (lockedNow)
        {
            LogLocked(logger, stored.Login, settings.MaxFailedAttempts, settings.LockoutMinutes);
        }

        return new SignInResult(decided, usedMethod, person, person is null ? SignInResult.FailedMessage : "Signed in.");
    }

    private (SignInReason Reason, long? Step) Decide(StoredPerson current, string? verifiedHash, bool passwordRight, string? code, DateTimeOffset now)
    {
        // Read again in the transaction: another node may have locked the account or changed the password meanwhile.
        if (current.LockedUntil > now)
        {
            return (SignInReason.Locked, null);
        }

        if (current.PasswordHash is null)
        {
            return (SignInReason.PasswordNotSet, null);
        }

        if (!passwordRight || !string.Equals(current.PasswordHash, verifiedHash, StringComparison.Ordinal))
        {
            return (SignInReason.PasswordWrong, null);
        }

        if (current.Disabled)
        {
            return (SignInReason.Disabled, null);
        }

        if (current.TotpSecret is not { } sealedSecret)
        {
            return current.IsAdministrator ? (SignInReason.TotpNotEnrolled, null) : (SignInReason.Success, null);
        }

        if (string.IsNullOrEmpty(code))
        {
            return (SignInReason.TotpMissing, null);
        }

        var secret = sealer.Open(TotpEnrolment.SealPurpose, current.Login, sealedSecret);
        var step = TotpCode.Match(secret, code, now);
        CryptographicOperations.ZeroMemory(secret);
        return step is null ? (SignInReason.TotpWrong, null)
            : step <= current.TotpLastStep ? (SignInReason.TotpReplayed, null)
            : (SignInReason.Success, step);
    }

    private async Task<SignInResult> RecordAsync(SignInAttempt attempt, string? login, SignInReason reason, string method, bool locked, CancellationToken cancellationToken)
    {
        await trail.RecordAsync(WithLock(Event(attempt, login, reason, method), locked), cancellationToken);
        return new SignInResult(reason, method, null, SignInResult.FailedMessage);
    }

    private static AuditEvent Event(SignInAttempt attempt, string? login, SignInReason reason, string method) => new()
    {
        Module = PeopleAudit.Module,
        Action = PeopleAudit.SignIn,
        Outcome = reason == SignInReason.Success ? AuditOutcome.Success : AuditOutcome.Failure,
        // A login that is not one may be a password typed into the wrong field: it is not recorded.
        Actor = new AuditActor(User: login),
        Target = login,
        SourceAddress = attempt.Address?.ToString(),
        RequestId = attempt.RequestId,
        Details = new Dictionary<string, string>(StringComparer.Ordinal) { ["method"] = method, ["reason"] = SignInResult.AuditNameOf(reason) },
    };

    private static AuditEvent WithLock(AuditEvent auditEvent, bool locked) => !locked ? auditEvent
        : auditEvent with { Details = new Dictionary<string, string>(auditEvent.Details, StringComparer.Ordinal) { ["locked"] = "true" } };

    // pwd+otp when a code takes part: the person has an authenticator, or sent a code.
    private static string MethodOf(StoredPerson? person, SignInAttempt attempt) =>
        person?.TotpSecret is not null || !string.IsNullOrEmpty(attempt.TotpCode) ? "pwd+otp" : "pwd";

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Password sign-in of {Login} locked after {Failures} failures in a row, for {Minutes} minutes")]
    private static partial void LogLocked(ILogger logger, string login, int failures, int minutes);
}
