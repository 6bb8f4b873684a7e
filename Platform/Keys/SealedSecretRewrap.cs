using System.Security.Cryptography;

namespace Platform.Keys;

/// <summary>The re-sealing of one sealed value, shared by every <see cref="ISealedSecretStore"/> so that they all judge values alike.</summary>
public static class SealedSecretRewrap
{
    /// <summary>
    /// The value sealed under <paramref name="next"/>, or null when <paramref name="next"/> already
    /// opens it (an earlier, interrupted rewrap). Throws <see cref="InvalidOperationException"/>
    /// naming <paramref name="what"/> when it opens under neither key (a wrong configured key, or a
    /// damaged value), so that the caller changes nothing.
    /// </summary>
    public static byte[]? Reseal(SecretSealer current, SecretSealer next, string purpose, string context, ReadOnlySpan<byte> sealedValue, string what)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        if (TryOpen(next, purpose, context, sealedValue) is { } already)
        {
            CryptographicOperations.ZeroMemory(already);
            return null;
        }

        var secret = TryOpen(current, purpose, context, sealedValue)
            ?? throw new InvalidOperationException($"{what} opens under neither the configured key-encryption key nor the new one; nothing was changed.");
        try
        {
            return next.Seal(purpose, context, secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static byte[]? TryOpen(SecretSealer sealer, string purpose, string context, ReadOnlySpan<byte> sealedValue)
    {
        try
        {
            return sealer.Open(purpose, context, sealedValue);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
