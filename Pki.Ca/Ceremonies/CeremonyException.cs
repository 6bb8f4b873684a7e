namespace Pki.Ca.Ceremonies;

/// <summary>A key ceremony step refused before it changed anything; the message says why and what to do.</summary>
public sealed class CeremonyException(string message) : Exception(message);
