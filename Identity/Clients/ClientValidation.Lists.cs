using System.Net;
using System.Text.RegularExpressions;
using Platform.Http;

namespace Identity.Clients;

internal static partial class ClientValidation
{
    private const int MaxUriLength = 2000;

    /// <summary>True when <paramref name="uri"/> is an http URI on a loopback address: the redirect of a native application (RFC 8252 §7.3).</summary>
    public static bool IsLoopbackHttp(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttp
        && IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);

    private static ClientFieldError? CheckRedirectUris(string field, List<string> uris)
    {
        if (uris.Count > MaxEntries)
        {
            return new(ProblemCodes.RedirectUriInvalid, field, $"{field} holds at most {MaxEntries} URIs.");
        }

        foreach (var uri in uris)
        {
            if (RedirectUriProblem(uri) is { } problem)
            {
                return new(ProblemCodes.RedirectUriInvalid, field, $"{field}: '{Printable(uri)}' {problem}.");
            }
        }

        return null;
    }

    /// <summary>What is wrong with a redirect URI, or null. OpenIddict matches them as strings, so the registered one must be the exact string clients send.</summary>
    private static string? RedirectUriProblem(string uri)
    {
        if (uri.Length is 0 or > MaxUriLength)
        {
            return $"is empty or longer than {MaxUriLength} characters";
        }

        if (uri.Contains('*', StringComparison.Ordinal))
        {
            return "has a wildcard; redirect URIs are matched exactly";
        }

        if (uri.Contains('#', StringComparison.Ordinal))
        {
            return "has a fragment, which RFC 6749 §3.1.2 forbids";
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.IsFile || parsed.IsUnc)
        {
            return "is not an absolute URI";
        }

        if (parsed.UserInfo.Length > 0)
        {
            return "has user information";
        }

        if (parsed.Scheme != Uri.UriSchemeHttps && !IsLoopbackHttp(uri))
        {
            return "is neither https nor http on a loopback address (127.0.0.1 or [::1]) for a native application";
        }

        // What OpenIddict stores is the normal form; a different spelling would never match what the client sends.
        return parsed.AbsoluteUri == uri ? null : $"is not in its normal form; register '{Printable(parsed.AbsoluteUri)}'";
    }

    private static ClientFieldError? CheckScopes(List<string> scopes)
    {
        if (scopes.Count > MaxEntries)
        {
            return new(ProblemCodes.ScopeInvalid, "scopes", $"scopes holds at most {MaxEntries} names.");
        }

        return scopes.FirstOrDefault(s => !ScopePattern().IsMatch(s)) is { } bad
            ? new(ProblemCodes.ScopeInvalid, "scopes", $"scopes: '{Printable(bad)}' is not 1 to 64 letters, digits, '.', '_', '-', ':' and '/'.")
            : null;
    }

    private static ClientFieldError? CheckAudiences(List<string> audiences)
    {
        if (audiences.Count > MaxEntries)
        {
            return new(ProblemCodes.AudienceInvalid, "audiences", $"audiences holds at most {MaxEntries} resource identifiers.");
        }

        // RFC 8707 §2: a resource identifier is an absolute URI without a fragment; the platform's
        // own APIs are the one exception, named by their audience.
        return audiences.FirstOrDefault(a => a != Server.Bearer.PlatformBearerTokens.Audience && (a.Length > 200 || a.Contains('#', StringComparison.Ordinal) || a.Any(char.IsWhiteSpace)
                || !Uri.TryCreate(a, UriKind.Absolute, out _))) is { } bad
            ? new(ProblemCodes.AudienceInvalid, "audiences", $"audiences: '{Printable(bad)}' is not an absolute URI without a fragment, of at most 200 characters.")
            : null;
    }

    [GeneratedRegex("^[A-Za-z0-9._:/-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ScopePattern();
}
