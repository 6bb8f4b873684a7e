namespace Platform.Hosting;

/// <summary>The <c>Platform</c> configuration section, shared by every module.</summary>
public sealed class PlatformOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Platform";

    /// <summary>Holds every database and key file; relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The base URL written into certificates and protocol documents; default: the first http listener.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Where modules keep their state.</summary>
    public StorageSettings Storage { get; set; } = new();

    /// <summary>How private keys are protected at rest.</summary>
    public KeySettings Keys { get; set; } = new();

    /// <summary>How long request bodies may take to arrive.</summary>
    public RequestBodySettings RequestBody { get; set; } = new();

    /// <summary>Where the private keys live: encrypted files or a PKCS#11 token.</summary>
    public Keys.KeyStoreSettings KeyStore { get; set; } = new();

    /// <summary>The data directory as an absolute path.</summary>
    public string DataDirectoryPath => Path.GetFullPath(DataDirectory);
}

/// <summary>The <c>Platform:Storage</c> section.</summary>
public sealed class StorageSettings
{
    /// <summary><c>Sqlite</c> (default, one file per module in the data directory) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The PostgreSQL connection string; each module uses its own schema in that database.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>The <c>Platform:Keys</c> section.</summary>
public sealed class KeySettings
{
    /// <summary>The key-encryption key, 32 bytes in base64. Takes precedence over the file.</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>A file holding the 32-byte key-encryption key; default <c>kek.bin</c> in the data directory, generated when missing.</summary>
    public string? KeyEncryptionKeyFile { get; set; }

    /// <summary>
    /// <c>File</c> (default: the value or file above) or <c>Pkcs11</c>: the key is kept in the data
    /// directory only wrapped by a non-extractable AES key in the <c>Platform:KeyStore:Pkcs11</c> token.
    /// </summary>
    public string? KeyEncryptionKeySource { get; set; }
}
