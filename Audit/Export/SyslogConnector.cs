using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Audit.Export;

/// <summary>
/// Opens the connection to the collector: TCP, or TLS as RFC 5425 asks, with the collector's
/// certificate checked against <see cref="SyslogOptions.CaFile"/> (or the system's trust store)
/// and against the configured host name, and the exporter's own certificate presented when one
/// is configured. A refused certificate throws <see cref="CollectorNotTrustedException"/> saying why.
/// </summary>
internal sealed class SyslogConnector(SyslogOptions settings, X509Certificate2Collection? trust, SslStreamCertificateContext? clientCertificate)
{
    public async Task<SyslogConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.EffectivePort, cancellationToken);
            if (!settings.Tls)
            {
                return new SyslogConnection(client.GetStream());
            }

            string? refusal = null;
            var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, certificate, presented, errors) =>
            {
                refusal = Check(certificate, presented, errors);
                return refusal is null;
            });
            var authentication = new SslClientAuthenticationOptions
            {
                TargetHost = settings.Host,
                ClientCertificateContext = clientCertificate,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            };
            try
            {
                await tls.AuthenticateAsClientAsync(authentication, cancellationToken);
            }
            catch (AuthenticationException e) when (refusal is not null)
            {
                await tls.DisposeAsync();
                throw new CollectorNotTrustedException(refusal, e);
            }

            return new SyslogConnection(tls);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private string? Check(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return "the collector presented no certificate";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"the collector's certificate ({certificate.Subject}) does not name {settings.Host}";
        }

        if (trust is null)
        {
            // The system's trust store: .NET has already built the chain against it.
            return errors == SslPolicyErrors.None ? null : $"the collector's certificate ({certificate.Subject}) does not chain to a CA the system trusts: {Describe(presented)}";
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf) ? null : $"the collector's certificate ({certificate.Subject}) does not chain to Audit:Syslog:CaFile: {Describe(chain)}";
    }

    private static string Describe(X509Chain? chain) =>
        chain is null || chain.ChainStatus.Length == 0
            ? "no chain"
            : string.Join("; ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
}
