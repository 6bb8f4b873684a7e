namespace Platform.Keys;

/// <summary>
/// The key store cannot sign now (a PKCS#11 token failed, was removed, or has no free session).
/// It is not a bug and not the caller's input: protocol endpoints answer it as "try later"
/// (HTTP 503, OCSP <c>tryLater</c>, TSA <c>systemFailure</c>); the next operation tries the
/// token again, so service resumes when it returns.
/// </summary>
public sealed class KeyStoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeyStoreUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public KeyStoreUnavailableException()
        : base("The key store is unavailable.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public KeyStoreUnavailableException(string message)
        : base(message)
    {
    }
}
