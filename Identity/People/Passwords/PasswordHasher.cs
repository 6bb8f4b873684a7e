using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Identity.People.Passwords;

/// <summary>
/// Hashes and verifies passwords with Argon2id (RFC 9106), 16-byte random salts and 32-byte
/// tags, stored as PHC strings. At most <see cref="PasswordOptions.MaxConcurrentHashes"/> hashes
/// run at once, since each holds its memory cost while it runs: a burst of sign-ins queues
/// rather than exhausting the node's memory.
/// </summary>
internal sealed class PasswordHasher : IDisposable
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private readonly Argon2idParameters configured;
    private readonly SemaphoreSlim gate;
    private readonly Lazy<string> decoy;

    public PasswordHasher(IOptions<PeopleOptions> options)
    {
        var passwords = options.Value.Passwords;
        configured = new Argon2idParameters(passwords.MemoryKiB, passwords.Iterations, passwords.Parallelism);
        gate = new SemaphoreSlim(passwords.MaxConcurrentHashes, passwords.MaxConcurrentHashes);
        // A hash of nothing anyone knows, verified for logins that have no password, so that an
        // unknown login costs what a wrong password costs and the answer time tells nothing.
        decoy = new Lazy<string>(() => HashCore(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), configured));
    }

    /// <summary>A new PHC string for <paramref name="password"/> with the configured parameters.</summary>
    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => HashCore(password, configured), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="phc"/>; a null or unreadable
    /// hash is checked against a decoy, costs the same, and never matches.
    /// </summary>
    public async Task<bool> VerifyAsync(string password, string? phc, CancellationToken cancellationToken)
    {
        var readable = PhcString.TryParse(phc, out var parameters, out var salt, out var expected);
        // Argon2 takes no empty password; an empty one is hashed as another, costs the same, and never matches.
        var empty = string.IsNullOrEmpty(password);
        if (empty)
        {
            password = "\0";
            readable = false;
        }

        if (!readable)
        {
            PhcString.TryParse(decoy.Value, out parameters, out salt, out expected);
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            var actual = await Task.Run(() => Derive(password, salt, parameters, expected.Length), cancellationToken);
            return CryptographicOperations.FixedTimeEquals(actual, expected) && readable;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>True when <paramref name="phc"/> was made with other parameters than those configured now.</summary>
    public bool NeedsRehash(string phc) => !PhcString.TryParse(phc, out var parameters, out _, out _) || parameters != configured;

    /// <summary>Argon2id itself, with the optional secret and associated data RFC 9106 allows (its test vector uses both).</summary>
    internal static byte[] Derive(string password, byte[] salt, Argon2idParameters parameters, int length, byte[]? secret = null, byte[]? associatedData = null)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return Derive(bytes, salt, parameters, length, secret, associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    internal static byte[] Derive(byte[] password, byte[] salt, Argon2idParameters parameters, int length, byte[]? secret, byte[]? associatedData)
    {
        using var argon2 = new Argon2id(password)
        {
            Salt = salt,
            MemorySize = parameters.MemoryKiB,
            Iterations = parameters.Iterations,
            DegreeOfParallelism = parameters.Parallelism,
            KnownSecret = secret,
            AssociatedData = associatedData,
        };
        return argon2.GetBytes(length);
    }

    public void Dispose() => gate.Dispose();

    private static string HashCore(string password, Argon2idParameters parameters)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return PhcString.Format(parameters, salt, Derive(password, salt, parameters, HashBytes));
    }
}
