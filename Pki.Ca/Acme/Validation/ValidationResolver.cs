using System.Net;
using DnsClient;
using Microsoft.Extensions.Options;

namespace Pki.Ca.Acme.Validation;

/// <summary>
/// The DNS lookups of challenge validation, at the servers <c>Pki:Acme:Validation:Resolvers</c>
/// names (the system's when none): addresses of the name being validated, and TXT records of
/// dns-01. Nothing is cached, so a record the client just set is what is seen.
/// </summary>
internal sealed class ValidationResolver
{
    private readonly LookupClient client;

    public ValidationResolver(IOptions<CaOptions> options)
    {
        var validation = options.Value.Acme.Validation;
        var servers = validation.Resolvers.Select(IPEndPoint.Parse).Select(e => e.Port == 0 ? new IPEndPoint(e.Address, 53) : e).ToArray();
        var settings = servers.Length > 0 ? new LookupClientOptions(servers) : new LookupClientOptions();
        settings.UseCache = false;
        settings.Timeout = TimeSpan.FromSeconds(Math.Min(5, validation.Timeout.TotalSeconds));
        settings.Retries = 1;
        settings.ThrowDnsErrors = false;
        settings.ContinueOnDnsError = false;
        client = new LookupClient(settings);
    }

    /// <summary>The IPv4 and IPv6 addresses of <paramref name="host"/>, IPv4 first; empty when it has none.</summary>
    public async Task<IReadOnlyList<IPAddress>> AddressesAsync(string host, CancellationToken cancellationToken)
    {
        var v4 = client.QueryAsync(host, QueryType.A, cancellationToken: cancellationToken);
        var v6 = client.QueryAsync(host, QueryType.AAAA, cancellationToken: cancellationToken);
        var answers = await Task.WhenAll(v4, v6);
        return [.. answers[0].Answers.ARecords().Select(a => a.Address), .. answers[1].Answers.AaaaRecords().Select(a => a.Address)];
    }

    /// <summary>The TXT strings at <paramref name="name"/> (each record's strings joined, as RFC 8555 §8.4 reads them), or null when the lookup failed.</summary>
    public async Task<IReadOnlyList<string>?> TextAsync(string name, CancellationToken cancellationToken)
    {
        var answer = await client.QueryAsync(name, QueryType.TXT, cancellationToken: cancellationToken);
        if (answer.HasError && answer.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
        {
            return null;
        }

        return [.. answer.Answers.TxtRecords().Select(t => string.Concat(t.Text))];
    }
}
