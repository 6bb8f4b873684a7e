namespace Pki.Tsa.Verification;

/// <summary>The verdict on a time-stamp token, with a readable report line per check.</summary>
/// <param name="Valid">True only when every check passed.</param>
/// <param name="Report">One line per check, "OK" or why not.</param>
public sealed record TokenVerification(bool Valid, IReadOnlyList<string> Report);
