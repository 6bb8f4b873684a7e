using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Identity.Clients.Endpoints;
using Identity.People;
using Platform.Http;

namespace Identity.Clients;

/// <summary>
/// Checks a registration field by field, then the fields against each other, and names the
/// field of the first problem. Only what passes here reaches OpenIddict, so its own checks
/// (exact redirect URIs, secrets only for confidential clients) never fail on what we accept.
/// </summary>
internal static partial class ClientValidation
{
    /// <summary>Entries a list field holds at most: enough for any real application, small enough to match by lookup.</summary>
    public const int MaxEntries = 32;

    /// <summary>Validates <paramref name="request"/>; a missing client id is generated.</summary>
    public static (ClientSpec? Spec, ClientFieldError? Error) Check(RegisterClientRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clientId = request.ClientId ?? NewClientId();
        if (!IsClientId(clientId))
        {
            return Fail(ProblemCodes.ClientIdInvalid, "clientId",
                "clientId is 1 to 64 characters: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit.");
        }

        if (!PersonNames.IsDisplayName(request.DisplayName))
        {
            return Fail(ProblemCodes.DisplayNameInvalid, "displayName", "displayName is required: 1 to 128 printable characters, without leading or trailing spaces.");
        }

        var method = request.TokenEndpointAuthMethod ?? ClientAuthMethods.ClientSecretBasic;
        if (!ClientAuthMethods.All.Contains(method, StringComparer.Ordinal))
        {
            return Fail(ProblemCodes.AuthMethodUnsupported, "tokenEndpointAuthMethod",
                $"tokenEndpointAuthMethod is one of {string.Join(", ", ClientAuthMethods.All)}.");
        }

        var grants = Distinct(request.GrantTypes);
        if (grants.Count == 0)
        {
            return Fail(ProblemCodes.GrantTypeUnsupported, "grantTypes", $"grantTypes holds one or more of {string.Join(", ", ClientGrantTypes.All)}.");
        }

        if (grants.FirstOrDefault(g => !ClientGrantTypes.All.Contains(g, StringComparer.Ordinal)) is { } unsupported)
        {
            return Fail(ProblemCodes.GrantTypeUnsupported, "grantTypes",
                $"'{Printable(unsupported)}' is not a grant type the platform registers: use {string.Join(", ", ClientGrantTypes.All)}.");
        }

        var redirects = Distinct(request.RedirectUris);
        var logouts = Distinct(request.PostLogoutRedirectUris);
        var scopes = Distinct(request.Scopes);
        var audiences = Distinct(request.Audiences);
        var listError = CheckRedirectUris("redirectUris", redirects) ?? CheckRedirectUris("postLogoutRedirectUris", logouts)
            ?? CheckScopes(scopes) ?? CheckAudiences(audiences);
        if (listError is not null)
        {
            return (null, listError);
        }

        // OpenIddict registers a confidential application only with a secret or public signing keys:
        // a tls_client_auth application registers its certificate's public key, which also pins it.
        var keyed = method is ClientAuthMethods.PrivateKeyJwt or ClientAuthMethods.TlsClientAuth;
        string? jwks = null;
        if (request.Jwks is { } set && set.ValueKind != System.Text.Json.JsonValueKind.Null)
        {
            if (!keyed)
            {
                return Fail(ProblemCodes.ClientInconsistent, "jwks", "jwks is registered only for tokenEndpointAuthMethod private_key_jwt or tls_client_auth.");
            }

            (jwks, var jwksError) = CheckJwks(set);
            if (jwksError is not null)
            {
                return (null, jwksError);
            }
        }
        else if (keyed)
        {
            return Fail(ProblemCodes.JwksInvalid, "jwks", method == ClientAuthMethods.PrivateKeyJwt
                ? "An application using private_key_jwt registers its public keys in jwks."
                : "An application using tls_client_auth registers the public key of its client certificate in jwks.");
        }

        var (name, nameError) = CheckCertificateName(request, method);
        if (nameError is not null)
        {
            return (null, nameError);
        }

        var spec = new ClientSpec(clientId, request.DisplayName!, request.FirstParty ?? false, method, redirects, logouts, grants, scopes, audiences, jwks, name);
        return CheckConsistency(spec) is { } inconsistent ? (null, inconsistent) : (spec, null);
    }

    /// <summary>True for a client id the platform registers.</summary>
    public static bool IsClientId(string? clientId) => clientId is not null && ClientIdPattern().IsMatch(clientId);

    private static ClientFieldError? CheckConsistency(ClientSpec spec)
    {
        if (spec.UsesCode && spec.RedirectUris.Count == 0)
        {
            return new(ProblemCodes.ClientInconsistent, "redirectUris", "authorization_code needs at least one redirect URI.");
        }

        if (!spec.UsesCode && spec.RedirectUris.Count + spec.PostLogoutRedirectUris.Count > 0)
        {
            return new(ProblemCodes.ClientInconsistent, spec.RedirectUris.Count > 0 ? "redirectUris" : "postLogoutRedirectUris",
                "Redirect URIs are registered only for the authorization_code grant.");
        }

        if (spec.GrantTypes.Contains(ClientGrantTypes.RefreshToken) && !spec.UsesCode)
        {
            return new(ProblemCodes.ClientInconsistent, "grantTypes", "refresh_token is issued only with authorization_code.");
        }

        if (spec.IsPublic && spec.GrantTypes.Contains(ClientGrantTypes.ClientCredentials))
        {
            return new(ProblemCodes.ClientInconsistent, "grantTypes", "client_credentials needs a confidential application; tokenEndpointAuthMethod none has no credentials.");
        }

        return null;
    }

    private static (ClientCertificateName? Name, ClientFieldError? Error) CheckCertificateName(RegisterClientRequest request, string method)
    {
        (string Field, string Kind, string? Value)[] given =
        [
            ("tlsClientAuthSubjectDn", ClientCertificateNames.SubjectDn, request.TlsClientAuthSubjectDn),
            ("tlsClientAuthSanDns", ClientCertificateNames.SanDns, request.TlsClientAuthSanDns),
            ("tlsClientAuthSanUri", ClientCertificateNames.SanUri, request.TlsClientAuthSanUri),
            ("tlsClientAuthSanIp", ClientCertificateNames.SanIp, request.TlsClientAuthSanIp),
            ("tlsClientAuthSanEmail", ClientCertificateNames.SanEmail, request.TlsClientAuthSanEmail),
        ];
        var present = given.Where(g => g.Value is not null).ToList();
        if (method != ClientAuthMethods.TlsClientAuth)
        {
            return present.Count == 0
                ? (null, null)
                : (null, new(ProblemCodes.ClientInconsistent, present[0].Field, $"{present[0].Field} is registered only for tokenEndpointAuthMethod tls_client_auth."));
        }

        if (present.Count != 1)
        {
            return (null, new(ProblemCodes.TlsClientAuthSubjectInvalid, present.Count == 0 ? "tlsClientAuthSubjectDn" : present[1].Field,
                "A tls_client_auth application names exactly one of tlsClientAuthSubjectDn, tlsClientAuthSanDns, tlsClientAuthSanUri, tlsClientAuthSanIp and tlsClientAuthSanEmail."));
        }

        var (field, kind, value) = present[0];
        return IsCertificateName(kind, value!)
            ? (new ClientCertificateName(kind, value!), null)
            : (null, new(ProblemCodes.TlsClientAuthSubjectInvalid, field, $"{field} is not a well-formed {Describe(kind)}."));
    }

    private static bool IsCertificateName(string kind, string value)
    {
        if (value.Length is 0 or > 512 || value.Trim() != value || value.Any(char.IsControl))
        {
            return false;
        }

        switch (kind)
        {
            case ClientCertificateNames.SubjectDn:
                try
                {
                    // Parsed as a distinguished name, so the token server can compare names, not spellings.
                    return new System.Security.Cryptography.X509Certificates.X500DistinguishedName(value).RawData.Length > 2;
                }
                catch (CryptographicException)
                {
                    return false;
                }

            case ClientCertificateNames.SanDns:
                return Uri.CheckHostName(value) == UriHostNameType.Dns;
            case ClientCertificateNames.SanUri:
                return Uri.TryCreate(value, UriKind.Absolute, out _);
            case ClientCertificateNames.SanIp:
                return System.Net.IPAddress.TryParse(value, out var address) && address.ToString() == value;
            default:
                var at = value.IndexOf('@', StringComparison.Ordinal);
                return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Contains(' ', StringComparison.Ordinal);
        }
    }

    private static string Describe(string kind) => kind switch
    {
        ClientCertificateNames.SubjectDn => "distinguished name (RFC 4514, e.g. CN=approvals,O=Department of Works)",
        ClientCertificateNames.SanDns => "DNS name",
        ClientCertificateNames.SanUri => "absolute URI",
        ClientCertificateNames.SanIp => "IP address in its canonical form",
        _ => "e-mail address",
    };

    private static List<string> Distinct(IReadOnlyList<string>? values) => values is null ? [] : [.. values.Distinct(StringComparer.Ordinal)];

    private static (ClientSpec?, ClientFieldError?) Fail(ProblemCode code, string field, string detail) => (null, new ClientFieldError(code, field, detail));

    // Client ids are compared exactly by the token endpoint: lowercase only, so two cannot differ by case alone.
    private static string NewClientId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A value quoted in a detail: short and printable, so an answer never echoes an attacker's bytes whole.</summary>
    private static string Printable(string value)
    {
        var clean = new string([.. value.Where(c => !char.IsControl(c)).Take(80)]);
        return clean.Length < value.Length ? clean + "…" : clean;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClientIdPattern();
}
