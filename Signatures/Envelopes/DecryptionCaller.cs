using Platform.Auditing;
using Platform.Authorization;

namespace Signatures.Envelopes;

/// <summary>Who asks to decrypt: as the decision point is asked about them (null when they cannot be named), and the audit event of their request to fill in.</summary>
internal sealed record DecryptionCaller(CallerPrincipal? Principal, AuditEvent Event);
