namespace Pki.Ca.Crl;

/// <summary>No CRL of an offline CA is here: its CRLs are signed where its key is and imported.</summary>
public sealed class CrlUnavailableException(string message) : Exception(message);
