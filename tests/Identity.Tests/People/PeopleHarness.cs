using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using Identity.People;
using Identity.People.Passwords;
using Identity.People.SignIn;
using Identity.People.Storage;
using Identity.People.Totp;
using Identity.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.Auditing;
using Platform.Keys;
using Platform.Tests.Storage.Harness;

namespace Identity.Tests.People;

/// <summary>
/// The directory's real services over one test database (SQLite or PostgreSQL), with a clock the
/// test moves, a trail that keeps what it is given, and cheap Argon2id parameters.
/// </summary>
internal sealed class PeopleHarness : IDisposable
{
    private readonly List<IDisposable> disposables = [];
    private readonly ServiceProvider metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    /// <summary>A key-encryption key every harness of a test shares, as the nodes of one deployment do.</summary>
    public static readonly byte[] SharedKek = RandomNumberGenerator.GetBytes(32);

    public PeopleHarness(StorageTarget target, PeopleOptions? settings = null)
    {
        Settings = settings ?? new PeopleOptions();
        Settings.Passwords.MemoryKiB = 64;
        Settings.Passwords.Iterations = 1;
        var options = Options.Create(Settings);
        var database = target.CreateFactory().Open("identity", IdentityMigrations.All);
        Store = new SqlPersonStore(database, Trail.Outbox(Time));
        Hasher = new PasswordHasher(options);
        Sealer = new SecretSealer(KeyEncryptionKey.FromBytes(SharedKek, "test"));
        Directory = new PeopleDirectory(Store, Hasher, new PasswordPolicy(options), Certificates, Trail, Time);
        Totp = new TotpEnrolment(Store, Sealer, Trail, Time, options);
        SignIn = new PasswordSignIn(Store, Hasher, Sealer, new AddressAttemptLimiter(options, Time), Trail, Time, options,
            NullLogger<PasswordSignIn>.Instance, new Identity.Metrics.IdentityMetrics(Meters));
    }

    public PeopleOptions Settings { get; }

    /// <summary>The meter factory the sign-in service's instruments are made on.</summary>
    public IMeterFactory Meters => metrics.GetRequiredService<IMeterFactory>();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    public RecordingAuditTrail Trail { get; } = new();

    public SettableCertificateStatus Certificates { get; } = new();

    public IPersonStore Store { get; }

    public PasswordHasher Hasher { get; }

    public SecretSealer Sealer { get; }

    public PeopleDirectory Directory { get; }

    public TotpEnrolment Totp { get; }

    public PasswordSignIn SignIn { get; }

    public static AuditEvent Template(string action) =>
        new() { Module = PeopleAudit.Module, Action = action, Outcome = AuditOutcome.Success, Actor = new AuditActor(User: "admin") };

    /// <summary>Adds a person with a password; throws unless it is added.</summary>
    public async Task<Person> AddAsync(string login, string password = "a long enough password", params string[] roles)
    {
        var outcome = await Directory.CreateAsync(new NewPerson(login, "Test Person", "works", password, roles), Template(PeopleAudit.Create), CancellationToken.None);
        return outcome.Value ?? throw new InvalidOperationException($"{outcome.Code}: {outcome.Detail}");
    }

    /// <summary>Enrols and confirms an authenticator for <paramref name="login"/>; returns its seed.</summary>
    public async Task<byte[]> EnrolAsync(string login)
    {
        var started = await Totp.StartAsync(login, Template(PeopleAudit.TotpEnrol), CancellationToken.None);
        var secret = SecretOf(started.Value!.OtpauthUri);
        var confirmed = await Totp.ConfirmAsync(login, TotpCode.Compute(secret, TotpCode.StepAt(Time.GetUtcNow())), Template(PeopleAudit.TotpEnrol), CancellationToken.None);
        Assert.True(confirmed.Value?.TotpEnrolled, confirmed.Detail);
        return secret;
    }

    /// <summary>The seed in an otpauth URI, decoded from base32.</summary>
    public static byte[] SecretOf(string otpauthUri)
    {
        var query = new Uri(otpauthUri).Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(query["secret"].Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }

    /// <summary>A sign-in service built afresh from <see cref="Settings"/> as they are now (a restarted node with new settings).</summary>
    public PasswordSignIn NewSignIn()
    {
        var options = Options.Create(Settings);
        var hasher = new PasswordHasher(options);
        disposables.Add(hasher);
        return new PasswordSignIn(Store, hasher, Sealer, new AddressAttemptLimiter(options, Time), Trail, Time, options,
            NullLogger<PasswordSignIn>.Instance, new Identity.Metrics.IdentityMetrics(Meters));
    }

    public Task<SignInResult> SignInAsync(string login, string password, string? code = null, string address = "192.0.2.10") =>
        SignIn.SignInAsync(new SignInAttempt(login, password, code, System.Net.IPAddress.Parse(address)));

    public void Dispose()
    {
        Hasher.Dispose();
        disposables.ForEach(d => d.Dispose());
        metrics.Dispose();
    }
}
