namespace Pki.Ca.Storage;

/// <summary>A serial number was issued twice: an invariant the database enforces.</summary>
public sealed class DuplicateSerialException(string serialNumber, Exception inner)
    : Exception($"Serial number {serialNumber} exists already.", inner)
{
    /// <summary>The serial number.</summary>
    public string SerialNumber { get; } = serialNumber;
}
