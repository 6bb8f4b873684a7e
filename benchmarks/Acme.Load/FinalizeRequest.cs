namespace Acme.Load;

/// <summary>A finalize payload (§7.4): the CSR's DER, base64url.</summary>
internal sealed record FinalizeRequest(string Csr);
