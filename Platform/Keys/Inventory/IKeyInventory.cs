namespace Platform.Keys.Inventory;

/// <summary>Every key the platform holds, from its key stores and the modules' accounts of them.</summary>
public interface IKeyInventory
{
    /// <summary>
    /// Lists the keys of the configured store and of the transport (software) store, each with the
    /// purposes and certificates the modules report, followed by keys no module claims; a key a
    /// module names but no store holds is listed as <see cref="KeyInventoryEntry.Missing"/>.
    /// </summary>
    Task<IReadOnlyList<KeyInventoryEntry>> ListAsync(CancellationToken cancellationToken = default);
}
