using System.Security.Cryptography.X509Certificates;

namespace ApprovalsSample.Hosting;

/// <summary>
/// The platform's certificates come from its own CA; an application that does not install that
/// root machine-wide names it (<see cref="OidcSettings.TrustedCaFile"/>), and its clients to the
/// platform (provider, gateway, key set) trust it for those connections only.
/// </summary>
internal sealed class PlatformTrust
{
    private readonly X509Certificate2Collection? roots;

    public PlatformTrust(string? trustedCaFile)
    {
        if (trustedCaFile is { Length: > 0 })
        {
            roots = [];
            roots.ImportFromPemFile(trustedCaFile);
        }
    }

    /// <summary>A handler for connections to the platform: the named CAs, or the machine's trust when none are named.</summary>
    public HttpMessageHandler Handler() => roots is null ? new SocketsHttpHandler() : new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => Trusts(certificate) },
    };

    private bool Trusts(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots!);
        chain.ChainPolicy.ExtraStore.AddRange(roots!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }
}
