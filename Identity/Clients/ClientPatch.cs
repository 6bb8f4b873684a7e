using Identity.Clients.Endpoints;

namespace Identity.Clients;

/// <summary>Applies a change to a registration: members given replace the registered ones; a certificate name given replaces the registered one, of whatever kind.</summary>
internal static class ClientPatch
{
    /// <summary>The names of the fields <paramref name="patch"/> changes, for the audit event.</summary>
    public static List<string> Fields(UpdateClientRequest patch)
    {
        var fields = new List<string>();
        void Given(bool given, string name)
        {
            if (given)
            {
                fields.Add(name);
            }
        }

        Given(patch.DisplayName is not null, "displayName");
        Given(patch.FirstParty is not null, "firstParty");
        Given(patch.RedirectUris is not null, "redirectUris");
        Given(patch.PostLogoutRedirectUris is not null, "postLogoutRedirectUris");
        Given(patch.GrantTypes is not null, "grantTypes");
        Given(patch.Scopes is not null, "scopes");
        Given(patch.Audiences is not null, "audiences");
        Given(patch.Jwks is not null, "jwks");
        Given(HasCertificateName(patch), "tlsClientAuth");
        return fields;
    }

    public static RegisterClientRequest Apply(RegisterClientRequest current, UpdateClientRequest patch)
    {
        var name = HasCertificateName(patch);
        return current with
        {
            DisplayName = patch.DisplayName ?? current.DisplayName,
            FirstParty = patch.FirstParty ?? current.FirstParty,
            RedirectUris = patch.RedirectUris ?? current.RedirectUris,
            PostLogoutRedirectUris = patch.PostLogoutRedirectUris ?? current.PostLogoutRedirectUris,
            GrantTypes = patch.GrantTypes ?? current.GrantTypes,
            Scopes = patch.Scopes ?? current.Scopes,
            Audiences = patch.Audiences ?? current.Audiences,
            Jwks = patch.Jwks ?? current.Jwks,
            TlsClientAuthSubjectDn = name ? patch.TlsClientAuthSubjectDn : current.TlsClientAuthSubjectDn,
            TlsClientAuthSanDns = name ? patch.TlsClientAuthSanDns : current.TlsClientAuthSanDns,
            TlsClientAuthSanUri = name ? patch.TlsClientAuthSanUri : current.TlsClientAuthSanUri,
            TlsClientAuthSanIp = name ? patch.TlsClientAuthSanIp : current.TlsClientAuthSanIp,
            TlsClientAuthSanEmail = name ? patch.TlsClientAuthSanEmail : current.TlsClientAuthSanEmail,
        };
    }

    private static bool HasCertificateName(UpdateClientRequest patch) =>
        patch.TlsClientAuthSubjectDn is not null || patch.TlsClientAuthSanDns is not null || patch.TlsClientAuthSanUri is not null
        || patch.TlsClientAuthSanIp is not null || patch.TlsClientAuthSanEmail is not null;
}
