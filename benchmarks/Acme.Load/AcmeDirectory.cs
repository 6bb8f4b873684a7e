namespace Acme.Load;

/// <summary>The directory (§7.1.1).</summary>
internal sealed record AcmeDirectory(string NewNonce, string NewAccount, string NewOrder, DirectoryMeta? Meta);
