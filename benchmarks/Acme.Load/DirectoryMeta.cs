namespace Acme.Load;

/// <summary>The directory's meta object (§7.1.1): whether accounts need an external binding.</summary>
internal sealed record DirectoryMeta(bool ExternalAccountRequired);
