using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Platform.Security;

/// <summary>
/// What <see cref="IClientCertificateValidator"/> concluded about the client certificate of a TLS
/// connection, kept with the connection: a keep-alive connection pays for parsing the certificate,
/// checking its CA's signature and reading the CA's repository once, whoever asks (the platform's
/// certificate authentication, a module authenticating a client by it). Its revocation state is
/// not part of it: that is read per request from the CA's in-memory state.
/// </summary>
public static class ConnectionCertificateJudgement
{
    private static readonly object Key = new();

    /// <summary>The judgement kept for <paramref name="certificate"/> on this request's connection, or null.</summary>
    public static ClientCertificateResult? Get(HttpContext context, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(certificate);
        if (context.Features.Get<IConnectionItemsFeature>()?.Items is not { } items)
        {
            return null;
        }

        // HTTP/2 streams of one connection run at once and share its items, which are not thread-safe.
        lock (items)
        {
            return items.TryGetValue(Key, out var kept) && kept is Judgement judgement
                && judgement.Certificate.AsSpan().SequenceEqual(certificate.RawDataMemory.Span) ? judgement.Result : null;
        }
    }

    /// <summary>Keeps <paramref name="result"/> for <paramref name="certificate"/> on this request's connection.</summary>
    public static void Set(HttpContext context, X509Certificate2 certificate, ClientCertificateResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(certificate);
        if (context.Features.Get<IConnectionItemsFeature>()?.Items is not { } items)
        {
            return;
        }

        lock (items)
        {
            items[Key] = new Judgement(certificate.RawDataMemory.ToArray(), result);
        }
    }

    /// <summary>
    /// A judgement, kept with the certificate it is about: should a connection ever present another
    /// certificate (renegotiation), that one is judged afresh.
    /// </summary>
    private sealed record Judgement(byte[] Certificate, ClientCertificateResult Result);
}
