namespace Platform.Keys.Inventory;

/// <summary>
/// A module's account of the keys it signs with, for the key inventory (<c>keys list</c>): each
/// module registers one and reads only its own records (settings, CA rows), never the keys.
/// </summary>
public interface IKeyInventorySource
{
    /// <summary>The keys the module uses, with what it uses each for and the certificates that carry it.</summary>
    Task<IReadOnlyList<KeyClaim>> ListAsync(CancellationToken cancellationToken = default);
}
