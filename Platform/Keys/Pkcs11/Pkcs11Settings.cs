namespace Platform.Keys.Pkcs11;

/// <summary>The <c>Platform:KeyStore:Pkcs11</c> section.</summary>
public sealed class Pkcs11Settings
{
    /// <summary>The PKCS#11 module to load, e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c>. Required.</summary>
    public string? Library { get; set; }

    /// <summary>The label of the token that holds the keys. Required.</summary>
    public string? TokenLabel { get; set; }

    /// <summary>
    /// The user PIN. Environment variables reach it the usual way
    /// (<c>Platform__KeyStore__Pkcs11__Pin</c>). Takes precedence over <see cref="PinFile"/>.
    /// </summary>
    public string? Pin { get; set; }

    /// <summary>A file whose content (trailing line break removed) is the user PIN.</summary>
    public string? PinFile { get; set; }

    /// <summary>
    /// At most this many sessions sign at once; default twice the processor count, at least 4.
    /// Each signing operation rents one, so operations on many threads run in parallel.
    /// </summary>
    public int? MaxSessions { get; set; }

    /// <summary>How long a signing operation waits for a free session before the store is called unavailable.</summary>
    public TimeSpan SessionWait { get; set; } = TimeSpan.FromSeconds(30);
}
