using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;

namespace Pki.Ca.Acme.Validation;

/// <summary>
/// tls-alpn-01 (RFC 8737): a TLS handshake with the name on the TLS port, offering only the
/// <c>acme-tls/1</c> protocol, must negotiate it and present a certificate for exactly that name
/// whose critical acmeIdentifier extension holds the SHA-256 of the key authorization.
/// </summary>
internal sealed class TlsAlpn01Validation(IOptions<CaOptions> options, ValidationConnections connections)
{
    private const string AcmeIdentifierOid = "1.3.6.1.5.5.7.1.31";
    private static readonly SslApplicationProtocol AcmeTls = new("acme-tls/1");

    public async Task<AcmeRefusal?> ValidateAsync(string name, string keyAuthorization, CancellationToken cancellationToken)
    {
        var port = options.Value.Acme.Validation.TlsPort;
        var (socket, refusal) = await connections.ConnectAsync(name, port, cancellationToken);
        if (socket is null)
        {
            return refusal;
        }

        X509Certificate2? presented = null;
        await using var tls = new SslStream(new System.Net.Sockets.NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = name,
                ApplicationProtocols = [AcmeTls],
                // The certificate is self-signed by design; what it says is checked below.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    return true;
                },
            }, cancellationToken);
        }
        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
        {
            return new AcmeRefusal(AcmeProblems.Tls, $"The TLS handshake with {name} port {port} failed: {e.Message}");
        }

        using (presented)
        {
            if (tls.NegotiatedApplicationProtocol != AcmeTls)
            {
                return new AcmeRefusal(AcmeProblems.Tls, $"{name} port {port} did not negotiate the acme-tls/1 protocol.");
            }

            return presented is null ? new AcmeRefusal(AcmeProblems.Tls, $"{name} port {port} presented no certificate.") : Check(presented, name, keyAuthorization);
        }
    }

    private static AcmeRefusal? Check(X509Certificate2 certificate, string name, string keyAuthorization)
    {
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).ToList();
        if (names.Count != 1 || !string.Equals(names[0], name, StringComparison.OrdinalIgnoreCase)
            || certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses().Any())
        {
            return new AcmeRefusal(AcmeProblems.Tls, $"The tls-alpn-01 certificate must name {name} as its one subject alternative name.");
        }

        var identifier = certificate.Extensions[AcmeIdentifierOid];
        var expected = SHA256.HashData(Encoding.ASCII.GetBytes(keyAuthorization));
        // The extension's value is an OCTET STRING of the 32-byte digest: 04 20 ‖ digest.
        return identifier is { Critical: true } && identifier.RawData is [0x04, 0x20, .. var digest] && digest.AsSpan().SequenceEqual(expected)
            ? null
            : new AcmeRefusal(AcmeProblems.IncorrectResponse, "The tls-alpn-01 certificate has no critical acmeIdentifier extension with the key authorization's digest.");
    }
}
