namespace Identity.People.Passwords;

/// <summary>The Argon2id cost parameters of one hash (RFC 9106 §3.1).</summary>
/// <param name="MemoryKiB">Memory, in KiB (<c>m</c>).</param>
/// <param name="Iterations">Passes (<c>t</c>).</param>
/// <param name="Parallelism">Lanes (<c>p</c>).</param>
internal readonly record struct Argon2idParameters(int MemoryKiB, int Iterations, int Parallelism);
