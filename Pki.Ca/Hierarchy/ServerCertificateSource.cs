using Platform.Security;
using System.Security.Cryptography.X509Certificates;

namespace Pki.Ca.Hierarchy;

/// <summary>Holds the HTTPS certificate the credentials bootstrap issued.</summary>
internal sealed class ServerCertificateSource : IServerCertificateSource
{
    public X509Certificate2? Current { get; set; }

    public X509Certificate2Collection Chain { get; } = [];
}
