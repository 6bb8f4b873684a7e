using System.Security.Cryptography.X509Certificates;

namespace Platform.Security;

/// <summary>Supplies the HTTPS listener's certificate (with its private key) once bootstrap has made it.</summary>
public interface IServerCertificateSource
{
    /// <summary>The current server certificate, or null before bootstrap.</summary>
    X509Certificate2? Current { get; }

    /// <summary>The CA certificates sent with it, issuing CA first.</summary>
    X509Certificate2Collection Chain { get; }
}
