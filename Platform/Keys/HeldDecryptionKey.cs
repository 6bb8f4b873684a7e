namespace Platform.Keys;

/// <summary>
/// A decryption key the platform holds (<see cref="IHeldDecryptionKeys"/>): whose it is, and a way
/// to open it for one use.
/// </summary>
public abstract class HeldDecryptionKey
{
    /// <summary>A held key of the certificate <paramref name="serialNumber"/>, belonging to <paramref name="department"/>.</summary>
    protected HeldDecryptionKey(string serialNumber, string department)
    {
        SerialNumber = serialNumber;
        Department = department;
    }

    /// <summary>The serial number of the key's certificate, lowercase hexadecimal.</summary>
    public string SerialNumber { get; }

    /// <summary>The department the key belongs to, whose policy says who may use it.</summary>
    public string Department { get; }

    /// <summary>
    /// The private key as PKCS#8, unsealed in memory for the in-process caller, who uses it once and
    /// clears it (<see cref="System.Security.Cryptography.CryptographicOperations.ZeroMemory"/>); it
    /// never leaves the process. Throws <see cref="KeyStoreUnavailableException"/> when the key does
    /// not open under the key store's key-encryption key.
    /// </summary>
    public abstract byte[] OpenPrivateKey();
}
