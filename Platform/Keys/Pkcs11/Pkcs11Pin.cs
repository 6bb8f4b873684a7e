namespace Platform.Keys.Pkcs11;

/// <summary>Finds the user PIN: <c>Pin</c> (which environment variables also set), else <c>PinFile</c>.</summary>
internal static class Pkcs11Pin
{
    /// <summary>The PIN and the name of the setting it came from (for messages; never the value).</summary>
    public static (string Pin, string Source) Resolve(Pkcs11Settings settings)
    {
        if (!string.IsNullOrEmpty(settings.Pin))
        {
            return (settings.Pin, "Platform:KeyStore:Pkcs11:Pin");
        }

        if (!string.IsNullOrWhiteSpace(settings.PinFile))
        {
            var source = $"Platform:KeyStore:Pkcs11:PinFile ({settings.PinFile})";
            if (!File.Exists(settings.PinFile))
            {
                throw new InvalidOperationException($"{source}: the file does not exist.");
            }

            // Editors and `echo` end the file with a line break that is not part of the PIN.
            var pin = File.ReadAllText(settings.PinFile).TrimEnd('\r', '\n');
            return pin.Length > 0 ? (pin, source) : throw new InvalidOperationException($"{source}: the file is empty.");
        }

        throw new InvalidOperationException(
            "Platform:KeyStore:Pkcs11:Pin or Platform:KeyStore:Pkcs11:PinFile is required when Platform:KeyStore:Provider is Pkcs11 " +
            "(the environment variable Platform__KeyStore__Pkcs11__Pin sets the first).");
    }
}
