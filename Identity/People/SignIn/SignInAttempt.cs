using System.Net;

namespace Identity.People.SignIn;

/// <summary>What a login form sent, and from where.</summary>
/// <param name="Login">The login typed.</param>
/// <param name="Password">The password typed.</param>
/// <param name="TotpCode">The one-time code typed, if any.</param>
/// <param name="Address">The client's address, for the per-address limit and the audit trail.</param>
/// <param name="RequestId">The request's trace id, for the audit trail.</param>
public sealed record SignInAttempt(string? Login, string? Password, string? TotpCode, IPAddress? Address, string? RequestId = null);
