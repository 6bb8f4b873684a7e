using System.Security.Authentication;

namespace Audit.Export;

/// <summary>The collector's TLS certificate was refused; the message says why.</summary>
internal sealed class CollectorNotTrustedException(string reason, Exception inner) : AuthenticationException(reason, inner);
