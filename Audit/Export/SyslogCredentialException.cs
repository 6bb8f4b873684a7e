namespace Audit.Export;

/// <summary>The CA file or the exporter's own certificate could not be loaded; the message says why.</summary>
internal sealed class SyslogCredentialException(string reason, Exception inner) : Exception(reason, inner);
