namespace Identity.Server.SignIn;

/// <summary>
/// Where the login page may send the browser back to: only the provider's own authorization
/// endpoint, so the page can never be used to redirect someone to a stranger's site.
/// </summary>
internal static class ReturnUrl
{
    public const string Default = "/" + IdentityServerServiceCollectionExtensions.Paths.Authorization;

    public static bool IsAllowed(string? url) =>
        !string.IsNullOrEmpty(url)
        && (url == Default || url.StartsWith(Default + "?", StringComparison.Ordinal))
        && !url.Contains('\\', StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal);
}
