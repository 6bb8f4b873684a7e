using System.Text.Encodings.Web;

namespace Identity.Server.SignIn;

/// <summary>
/// The consent page a third-party application's request stops at: what it asks for, Allow or
/// Deny. The form posts the authorization request back to the authorization endpoint with the
/// answer, so nothing of the request is kept on the server meanwhile.
/// </summary>
internal static class ConsentPage
{
    public const string AnswerField = "consent";
    public const string Allow = "allow";
    public const string Deny = "deny";

    public static string Render(string application, string person, IEnumerable<string> scopes, IEnumerable<KeyValuePair<string, string?>> request,
        string antiforgeryField, string antiforgeryToken)
    {
        var html = HtmlEncoder.Default;
        var hidden = string.Concat(request.Select(p => $"""<input type="hidden" name="{html.Encode(p.Key)}" value="{html.Encode(p.Value ?? "")}">""" + "\n"));
        var asked = string.Concat(scopes.Select(s => $"<li>{html.Encode(s)}</li>"));
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Allow access?</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; }
            button { padding: .6rem 1.2rem; margin-right: 1rem; }
            </style>
            </head>
            <body>
            <h1>Allow access?</h1>
            <p><strong id="application">{{html.Encode(application)}}</strong> asks to act for <strong>{{html.Encode(person)}}</strong> with:</p>
            <ul id="scopes">{{asked}}</ul>
            <form method="post" action="/{{IdentityServerServiceCollectionExtensions.Paths.Authorization}}">
            <input type="hidden" name="{{html.Encode(antiforgeryField)}}" value="{{html.Encode(antiforgeryToken)}}">
            {{hidden}}<button id="allow" type="submit" name="{{AnswerField}}" value="{{Allow}}">Allow</button>
            <button id="deny" type="submit" name="{{AnswerField}}" value="{{Deny}}">Deny</button>
            </form>
            </body>
            </html>
            """;
    }
}
