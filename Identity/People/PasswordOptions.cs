namespace Identity.People;

/// <summary>
/// Argon2id parameters (section <c>Identity:People:Passwords</c>) and the password policy. The
/// defaults are OWASP's recommended minimum for Argon2id: 19 MiB of memory, 2 passes, 1 lane.
/// A hash keeps the parameters it was made with, so changing them affects new passwords, and
/// older ones are hashed again with the new parameters at their next successful sign-in.
/// </summary>
public sealed class PasswordOptions
{
    /// <summary>Memory per hash, in KiB (Argon2 <c>m</c>).</summary>
    public int MemoryKiB { get; set; } = 19 * 1024;

    /// <summary>Passes over the memory (Argon2 <c>t</c>).</summary>
    public int Iterations { get; set; } = 2;

    /// <summary>Lanes (Argon2 <c>p</c>).</summary>
    public int Parallelism { get; set; } = 1;

    /// <summary>The fewest characters a password may have.</summary>
    public int MinLength { get; set; } = 12;

    /// <summary>The most characters a password may have: long enough for passphrases, short enough that hashing stays cheap to bound.</summary>
    public int MaxLength { get; set; } = 128;

    /// <summary>How many hashes may run at once on this node; each holds <see cref="MemoryKiB"/> of memory while it runs.</summary>
    public int MaxConcurrentHashes { get; set; } = Environment.ProcessorCount;

    internal IEnumerable<string> Problems()
    {
        if (MemoryKiB < 8 * Parallelism || MemoryKiB > 4 * 1024 * 1024)
        {
            yield return "Identity:People:Passwords:MemoryKiB must be between 8 × Parallelism and 4194304 (4 GiB).";
        }

        if (Iterations is < 1 or > 100)
        {
            yield return "Identity:People:Passwords:Iterations must be between 1 and 100.";
        }

        if (Parallelism is < 1 or > 64)
        {
            yield return "Identity:People:Passwords:Parallelism must be between 1 and 64.";
        }

        if (MinLength < 1 || MaxLength < MinLength || MaxLength > 1024)
        {
            yield return "Identity:People:Passwords: MinLength must be at least 1 and MaxLength between MinLength and 1024.";
        }

        if (MaxConcurrentHashes < 1)
        {
            yield return "Identity:People:Passwords:MaxConcurrentHashes must be at least 1.";
        }
    }
}
