using QRCoder;

namespace Identity.People.Totp;

/// <summary>Draws an <c>otpauth://</c> URI as an SVG QR code, for an authenticator app's camera.</summary>
internal static class TotpQr
{
    public static string Svg(string uri)
    {
        using var generator = new QRCodeGenerator();
        // Level M: the usual for key URIs, readable off a screen with some glare.
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4);
    }

    /// <summary>The Key URI of Google Authenticator's format, which every authenticator app reads.</summary>
    public static string KeyUri(string issuer, string login, string base32Secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(login)}?secret={base32Secret}&issuer={Uri.EscapeDataString(issuer)}"
        + $"&algorithm=SHA1&digits={TotpCode.Digits}&period={TotpCode.StepSeconds}";
}
