namespace Identity.People.Totp;

/// <summary>What an authenticator app needs to enrol: the <c>otpauth://totp</c> URI and the same as a QR code.</summary>
/// <param name="OtpauthUri">The key URI (the seed in base32, issuer, SHA1, 6 digits, 30 s).</param>
/// <param name="QrSvg">The URI as a QR code, an SVG document.</param>
public sealed record TotpEnrolmentStart(string OtpauthUri, string QrSvg);
