using System.Text.Encodings.Web;

namespace Identity.Server.SignIn;

/// <summary>The server-rendered login page: password and one-time code, or a certificate of the city's CA.</summary>
internal static class LoginPage
{
    public static string Render(string returnUrl, string antiforgeryField, string antiforgeryToken, string? login, string? message)
    {
        var html = HtmlEncoder.Default;
        var certificateUrl = LoginEndpoints.CertificatePath + "?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var error = message is null ? "" : $"""<p class="error" role="alert" id="error">{html.Encode(message)}</p>""";
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; }
            label, input, button { display: block; width: 100%; box-sizing: border-box; }
            input { margin: .25rem 0 1rem; padding: .5rem; }
            button { padding: .6rem; }
            .error { color: #a00; }
            }
            </style>
            </head>
            <body>
            <h1>Sign in</h1>
            {{error}}
            <form method="post" action="{{LoginEndpoints.LoginPath}}">
            <input type="hidden" name="{{html.Encode(antiforgeryField)}}" value="{{html.Encode(antiforgeryToken)}}">
            <input type="hidden" name="returnUrl" value="{{html.Encode(returnUrl)}}">
            <label for="login">Login</label>
            <input id="login" name="login" autocomplete="username" required value="{{html.Encode(login ?? "")}}">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <label for="code">One-time code</label>
            <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxlength="8">
            <button id="sign-in" type="submit">Sign in</button>
            </form>
            <p><a id="certificate" href="{{html.Encode(certificateUrl)}}">Sign in with your certificate</a></p>
            </body>
            </html>
            """;
    }
}
