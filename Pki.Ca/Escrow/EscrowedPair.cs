namespace Pki.Ca.Escrow;

/// <summary>The encryption half of a dual pair, signed but not stored: its certificate, its escrowed key, and the event that records the escrow.</summary>
internal sealed record EscrowedPair(Issuance.SignedCertificate Certificate, EscrowedKey Key, Platform.Auditing.AuditEvent Escrowed);
