namespace Platform.Storage;

/// <summary>Opens module databases on the configured provider, running their migrations first.</summary>
public interface IDatabaseFactory
{
    /// <summary>The configured provider.</summary>
    StorageProvider Provider { get; }

    /// <summary>
    /// Opens (creating if need be) the database of <paramref name="module"/> and brings it to the
    /// newest of <paramref name="migrations"/>. Returns the same instance for the same module.
    /// </summary>
    IModuleDatabase Open(string module, IReadOnlyList<Migration> migrations);

    /// <summary>Every module database opened so far.</summary>
    IReadOnlyCollection<IModuleDatabase> Opened { get; }
}
