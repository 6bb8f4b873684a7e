using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace Pki.Ca.Acme.Validation;

/// <summary>
/// http-01 (RFC 8555 §8.3): <c>GET http://&lt;name&gt;:&lt;HttpPort&gt;/.well-known/acme-challenge/&lt;token&gt;</c>
/// answers the key authorization (trailing white space aside). Redirects are followed, at most
/// 10, to http on the validation port or https on the TLS port (where many servers send every
/// request), without checking the https certificate, since the name's control is what is proven,
/// not its certificate. At most 8 KiB of body is read.
/// </summary>
internal sealed class Http01Validation : IDisposable
{
    private const int MaxRedirects = 10;
    private const int MaxBody = 8 * 1024;
    private readonly HttpClient client;
    private readonly AcmeValidationOptions options;

    public Http01Validation(IOptions<CaOptions> options, ValidationConnections connections)
    {
        this.options = options.Value.Acme.Validation;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.Zero,
            MaxResponseHeadersLength = 16,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var (socket, refusal) = await connections.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
                return socket is null ? throw new ValidationFailedException(refusal!) : new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("SecurityPlatform-ACME-validation/1");
    }

    public async Task<AcmeRefusal?> ValidateAsync(string name, string keyAuthorization, CancellationToken cancellationToken)
    {
        var token = keyAuthorization[..keyAuthorization.IndexOf('.', StringComparison.Ordinal)];
        var url = new Uri($"http://{name}:{options.HttpPort}/.well-known/acme-challenge/{token}");
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                    var portAllowed = next.Scheme == Uri.UriSchemeHttp ? next.Port == options.HttpPort : next.Scheme == Uri.UriSchemeHttps && next.Port == options.TlsPort;
                    if (redirects == MaxRedirects || !portAllowed)
                    {
                        return new AcmeRefusal(AcmeProblems.Connection, redirects == MaxRedirects
                            ? $"{url} redirected more than {MaxRedirects} times."
                            : $"{url} redirected to {next}: only http on port {options.HttpPort} and https on port {options.TlsPort} are followed.");
                    }

                    url = next;
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return new AcmeRefusal(AcmeProblems.Unauthorized, $"{url} answered HTTP {(int)response.StatusCode}, not 200 with the key authorization.");
                }

                var body = await ReadAtMostAsync(response, cancellationToken);
                return body is not null && body.TrimEnd(' ', '\t', '\r', '\n') == keyAuthorization
                    ? null
                    : new AcmeRefusal(AcmeProblems.IncorrectResponse, body is null
                        ? $"{url} answered more than {MaxBody} bytes."
                        : $"{url} answered something other than the key authorization.");
            }
        }
        catch (HttpRequestException e) when (e.InnerException is ValidationFailedException failed)
        {
            return failed.Refusal;
        }
        catch (HttpRequestException e)
        {
            return new AcmeRefusal(AcmeProblems.Connection, $"Fetching {url} failed: {e.HttpRequestError}.");
        }
    }

    public void Dispose() => client.Dispose();

    private static async Task<string?> ReadAtMostAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBody + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > MaxBody ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>Carries a connection's refusal out of the handler's connect callback.</summary>
    private sealed class ValidationFailedException(AcmeRefusal refusal) : Exception(refusal.Message)
    {
        public AcmeRefusal Refusal { get; } = refusal;
    }
}
