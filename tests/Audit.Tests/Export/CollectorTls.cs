namespace Audit.Tests.Export;

/// <summary>How a test collector listens: TLS with its certificate, optionally requiring the exporter's.</summary>
/// <param name="Pki">The CA and certificates.</param>
/// <param name="RequireClientCertificate">Mutual TLS: refuse an exporter without a certificate from the CA.</param>
/// <param name="ClientCaFile">The CA the exporter's certificate must chain to, when not the one that issued the collector's.</param>
internal sealed record CollectorTls(CollectorPki Pki, bool RequireClientCertificate = false, string? ClientCaFile = null);
