namespace Identity.Server.Tokens;

/// <summary>A token refused after its signature and claims were validated; the message says why, as the answer's detail ends.</summary>
internal sealed class TokenRefusedException(string reason) : Exception(reason);
