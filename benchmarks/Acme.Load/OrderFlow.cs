using System.Buffers.Text;
using System.Text.Json;

namespace Acme.Load;

/// <summary>
/// One complete order (RFC 8555 §7.4) for one account: newOrder for one name, http-01 for its
/// authorization, finalize with a pooled CSR, download the certificate. Waits honour the
/// server's Retry-After and otherwise poll every <c>pollInterval</c>.
/// </summary>
internal sealed class OrderFlow(AcmeTransport transport, ChallengeResponder responder, TimeSpan pollInterval, TimeSpan orderTimeout)
{
    private static readonly AcmeJsonContext Json = AcmeJsonContext.Default;

    /// <summary>Runs the order to its certificate; throws <see cref="AcmeFailure"/> when the server refuses or it takes too long.</summary>
    public async Task RunAsync(AcmeAccount account, (string Name, byte[] Der) csr)
    {
        var deadline = DateTime.UtcNow + orderTimeout;
        var request = JsonSerializer.SerializeToUtf8Bytes(new NewOrderRequest([new Identifier("dns", csr.Name)]), Json.NewOrderRequest);
        var (order, created) = await transport.PostAsync(account.Key, account.Url, transport.Directory.NewOrder, request, Json.Order);
        var orderUrl = created.Location ?? throw new AcmeFailure("no order URL", "newOrder answered without Location");

        foreach (var authorizationUrl in order.Authorizations)
        {
            await AuthorizeAsync(account, authorizationUrl, deadline);
        }

        // The order from newOrder predates the authorizations' validation: read it again at once.
        (order, _) = await transport.PostAsync(account.Key, account.Url, orderUrl, null, Json.Order);
        order = await PollOrderAsync(account, orderUrl, order, "pending", deadline);
        if (order.Status != "ready")
        {
            throw new AcmeFailure("order not ready", $"{orderUrl}: {order.Status} {order.Error?.Detail}");
        }

        var finalize = JsonSerializer.SerializeToUtf8Bytes(new FinalizeRequest(Base64Url.EncodeToString(csr.Der)), Json.FinalizeRequest);
        (order, _) = await transport.PostAsync(account.Key, account.Url, order.Finalize, finalize, Json.Order);
        order = await PollOrderAsync(account, orderUrl, order, "processing", deadline);
        if (order is not { Status: "valid", Certificate: { } certificateUrl })
        {
            throw new AcmeFailure("order not valid", $"{orderUrl}: {order.Status} {order.Error?.Detail}");
        }

        var certificate = await transport.PostAsync(account.Key, account.Url, certificateUrl, null, "application/pem-certificate-chain");
        if (certificate.Body.Length == 0)
        {
            throw new AcmeFailure("empty certificate", certificateUrl);
        }
    }

    private async Task AuthorizeAsync(AcmeAccount account, string url, DateTime deadline)
    {
        var (authorization, _) = await transport.PostAsync(account.Key, account.Url, url, null, Json.Authorization);
        if (authorization.Status == "valid")
        {
            // Reused from an earlier order of the same account: nothing to prove.
            return;
        }

        var challenge = authorization.Challenges.FirstOrDefault(c => c.Type == "http-01")
            ?? throw new AcmeFailure("no http-01", $"{url} offers no http-01 challenge");
        responder.Add(challenge.Token, account.Key.KeyAuthorization(challenge.Token));
        try
        {
            var empty = JsonSerializer.SerializeToUtf8Bytes(new EmptyObject(), Json.EmptyObject);
            await transport.PostAsync(account.Key, account.Url, challenge.Url, empty);
            while (true)
            {
                var (current, response) = await transport.PostAsync(account.Key, account.Url, url, null, Json.Authorization);
                if (current.Status == "valid")
                {
                    return;
                }

                if (current.Status != "pending")
                {
                    var error = current.Challenges.FirstOrDefault(c => c.Url == challenge.Url)?.Error;
                    throw new AcmeFailure("authorization " + current.Status, $"{url}: {error?.Type} {error?.Detail}");
                }

                await WaitAsync(response.RetryAfter, deadline, url);
            }
        }
        finally
        {
            responder.Remove(challenge.Token);
        }
    }

    /// <summary>Polls the order while its status is <paramref name="waitingStatus"/>.</summary>
    private async Task<Order> PollOrderAsync(AcmeAccount account, string url, Order order, string waitingStatus, DateTime deadline)
    {
        TimeSpan? retryAfter = null;
        while (order.Status == waitingStatus)
        {
            await WaitAsync(retryAfter, deadline, url);
            AcmeResponse response;
            (order, response) = await transport.PostAsync(account.Key, account.Url, url, null, Json.Order);
            retryAfter = response.RetryAfter;
        }

        return order;
    }

    private async Task WaitAsync(TimeSpan? retryAfter, DateTime deadline, string url)
    {
        var wait = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : pollInterval;
        if (DateTime.UtcNow + wait > deadline)
        {
            throw new AcmeFailure("timeout", $"{url}: not done within {orderTimeout.TotalSeconds} s");
        }

        await Task.Delay(wait);
    }
}
