using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Server.Cli;

/// <summary>
/// The HTTPS client of the commands that call a running platform: it trusts exactly the given root
/// (the platform's root-ca.pem) and presents a client certificate, or an access token as a bearer.
/// </summary>
internal static class PlatformHttpClient
{
    /// <summary>
    /// A client for <paramref name="url"/> trusting <paramref name="rootPemFile"/>, authenticated by the
    /// certificate and key files when given, else by <paramref name="bearerToken"/> when given.
    /// </summary>
    public static HttpClient Create(Uri url, string rootPemFile, string? certificateFile, string? keyFile, string? bearerToken = null)
    {
        var root = X509CertificateLoader.LoadCertificateFromFile(rootPemFile);
        var ssl = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                // Trust exactly the given root; intermediates come from the server's chain.
                using var custom = new X509Chain();
                custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                custom.ChainPolicy.CustomTrustStore.Add(root);
                custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                if (chain is not null)
                {
                    foreach (var element in chain.ChainElements)
                    {
                        custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                    }
                }

                return custom.Build(new X509Certificate2(certificate));
            },
        };
        if (certificateFile is not null && keyFile is not null)
        {
            ssl.ClientCertificates = [X509Certificate2.CreateFromPemFile(certificateFile, keyFile)];
        }

        var client = new HttpClient(new SocketsHttpHandler { SslOptions = ssl })
        {
            BaseAddress = new Uri(url.AbsoluteUri.EndsWith('/') ? url.AbsoluteUri : url.AbsoluteUri + "/"),
            Timeout = TimeSpan.FromMinutes(5),
        };
        if (certificateFile is null && bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return client;
    }
}
