using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Clients;

/// <summary>The grant types an application can be registered for; the platform's token server speaks no other.</summary>
internal static class ClientGrantTypes
{
    public const string AuthorizationCode = GrantTypes.AuthorizationCode;
    public const string ClientCredentials = GrantTypes.ClientCredentials;
    public const string RefreshToken = GrantTypes.RefreshToken;

    public static IReadOnlyList<string> All { get; } = [AuthorizationCode, ClientCredentials, RefreshToken];
}
