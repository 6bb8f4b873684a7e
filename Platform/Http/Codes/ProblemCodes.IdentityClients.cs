using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>The identity provider's codes for registered applications (OAuth clients); every field error names its field.</summary>
public static partial class ProblemCodes
{
    /// <summary>A client identifier that is not a valid one.</summary>
    public static readonly ProblemCode ClientIdInvalid = new("client-id-invalid", Status400BadRequest,
        "clientId is 1 to 64 characters: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit.");

    /// <summary>No application with that client identifier.</summary>
    public static readonly ProblemCode ClientUnknown = new("client-unknown", Status404NotFound, "No application with that clientId is registered.");

    /// <summary>The client identifier is taken.</summary>
    public static readonly ProblemCode ClientExists = new("client-exists", Status409Conflict, "An application with that clientId is registered already.");

    /// <summary>A redirect or post-logout redirect URI the platform does not register.</summary>
    public static readonly ProblemCode RedirectUriInvalid = new("redirect-uri-invalid", Status400BadRequest,
        "A redirect URI is not absolute, not https (http only on a loopback address), has a fragment, user information or a wildcard, or is not written in its normal form; the answer names the field and the URI.");

    /// <summary>A grant type the platform does not register.</summary>
    public static readonly ProblemCode GrantTypeUnsupported = new("grant-type-unsupported", Status400BadRequest,
        "grantTypes holds a grant type other than authorization_code, client_credentials and refresh_token, or none at all.");

    /// <summary>A scope that is not a valid scope name.</summary>
    public static readonly ProblemCode ScopeInvalid = new("scope-invalid", Status400BadRequest,
        "scopes holds a name that is not 1 to 64 letters, digits, '.', '_', '-', ':' and '/', or too many of them.");

    /// <summary>An audience that is not an absolute URI.</summary>
    public static readonly ProblemCode AudienceInvalid = new("audience-invalid", Status400BadRequest,
        "audiences holds a value that is neither an absolute URI without a fragment nor securityplatform, or too many of them.");

    /// <summary>A token endpoint authentication method the platform does not register.</summary>
    public static readonly ProblemCode AuthMethodUnsupported = new("auth-method-unsupported", Status400BadRequest,
        "tokenEndpointAuthMethod is not client_secret_basic, private_key_jwt, tls_client_auth or none.");

    /// <summary>A JSON Web Key Set that is not a usable set of public signing keys.</summary>
    public static readonly ProblemCode JwksInvalid = new("jwks-invalid", Status400BadRequest,
        "jwks is not a JSON Web Key Set of 1 to 10 public RSA or EC signing keys.");

    /// <summary>A JSON Web Key Set that holds private or symmetric key material.</summary>
    public static readonly ProblemCode JwksPrivateKey = new("jwks-private-key", Status400BadRequest,
        "jwks holds private or symmetric key material; register only the application's public keys.");

    /// <summary>The certificate name a tls_client_auth application authenticates with is missing or malformed.</summary>
    public static readonly ProblemCode TlsClientAuthSubjectInvalid = new("tls-client-auth-subject-invalid", Status400BadRequest,
        "A tls_client_auth application names exactly one of tlsClientAuthSubjectDn, tlsClientAuthSanDns, tlsClientAuthSanUri, tlsClientAuthSanIp and tlsClientAuthSanEmail, well formed.");

    /// <summary>Fields that contradict each other.</summary>
    public static readonly ProblemCode ClientInconsistent = new("client-inconsistent", Status400BadRequest,
        "The application's fields contradict each other (say, authorization_code without redirect URIs, or client_credentials for a public client); the answer names the field.");

    /// <summary>A new secret was asked for an application that authenticates otherwise.</summary>
    public static readonly ProblemCode ClientSecretUnused = new("client-secret-unused", Status409Conflict,
        "The application does not authenticate with a client secret (its tokenEndpointAuthMethod is not client_secret_basic), so it has none to replace.");

    /// <summary>The application changed between reading and writing it.</summary>
    public static readonly ProblemCode ClientChanged = new("client-changed", Status409Conflict,
        "The application was changed or removed by another request meanwhile; read it again and retry.");
}
