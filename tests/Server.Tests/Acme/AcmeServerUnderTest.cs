namespace Server.Tests.Acme;

/// <summary>
/// An ACME server (RFC 8555) as the clients under test see it: everything certbot and lego need
/// to talk to it and to answer its challenges, so the same tests run against pebble and ours.
/// </summary>
/// <param name="DirectoryUrl">The ACME directory (pebble: <c>/dir</c>; ours: <c>/acme/directory</c>).</param>
/// <param name="CaBundlePath">PEM file of the root(s) the clients trust for the server's HTTPS.</param>
/// <param name="HttpValidationPort">The port on 127.0.0.1 the server's validator fetches http-01 key authorizations from.</param>
/// <param name="DnsResolver">host:port of the DNS server the validator resolves names and dns-01 TXT records with.</param>
/// <param name="DnsManagementUrl">pebble-challtestsrv's management API behind <paramref name="DnsResolver"/>, where dns-01 TXT records are set.</param>
/// <param name="IssuerRootFile">PEM root the issued certificates chain to, for <c>openssl verify</c>.</param>
/// <param name="ExternalAccount">The binding key clients register with, when the server requires one (RFC 8555 §7.3.4).</param>
public sealed record AcmeServerUnderTest(
    Uri DirectoryUrl,
    string CaBundlePath,
    int HttpValidationPort,
    string DnsResolver,
    Uri DnsManagementUrl,
    string IssuerRootFile,
    ExternalAccountKey? ExternalAccount = null);
