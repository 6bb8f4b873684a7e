using System.Text.Json;

namespace Pki.Ca.Acme;

/// <summary>The stored ACME objects as the resources RFC 8555 §7.1 shows clients.</summary>
internal static class AcmeResources
{
    public static AcmeAccountResource Account(AcmeAccount account, AcmeUrls urls) =>
        new(account.Status, account.Contact, urls.Orders(account.Id), TermsOfServiceAgreed: true);

    public static AcmeOrderResource Order(AcmeOrder order, AcmeUrls urls, DateTimeOffset now)
    {
        var status = order.StatusAt(now);
        var failed = order.Authorizations.FirstOrDefault(a => a.Error is not null);
        var error = status == "invalid"
            ? failed is null ? new AcmeProblemDocument(AcmeProblems.Unauthorized.Type, "The order expired, or an authorization was deactivated.", 403) : Problem(failed)
            : null;
        return new AcmeOrderResource(status, order.ExpiresAt, [.. order.Identifiers.Select(Dns)], order.NotBefore, order.NotAfter, error,
            [.. order.Authorizations.Select(a => urls.Authorization(a.Id))], urls.Finalize(order.Id),
            order.Serial is null ? null : urls.Certificate(order.Id), order.Profile, order.Replaces);
    }

    /// <summary>An authorization; <paramref name="validating"/> shows its challenge being checked as <c>processing</c>.</summary>
    public static AcmeAuthorizationResource Authorization(AcmeAuthorization authorization, AcmeUrls urls, DateTimeOffset now, string? validating) =>
        new(Dns(authorization.Identifier), authorization.StatusAt(now), authorization.ExpiresAt,
            [.. authorization.ChallengeTypes.Select(type => Challenge(authorization, type, urls, validating))], authorization.Wildcard ? true : null);

    public static AcmeChallengeResource Challenge(AcmeAuthorization authorization, string type, AcmeUrls urls, string? validating)
    {
        var url = urls.Challenge(authorization.Id, type);
        if (authorization.ChallengeType == type)
        {
            return new(type, url, authorization.Error is null ? "valid" : "invalid", authorization.Token, authorization.ValidatedAt,
                authorization.Error is null ? null : Problem(authorization));
        }

        return new(type, url, validating == type ? "processing" : "pending", authorization.Token, null, null);
    }

    public static string StoredError(AcmeRefusal refusal, string identifier) =>
        JsonSerializer.Serialize(new AcmeProblemDocument(refusal.Problem.Type, refusal.Message, refusal.Problem.Status, Dns(identifier)), AcmeJsonContext.Default.AcmeProblemDocument);

    public static AcmeIdentifier Dns(string name) => new("dns", name);

    private static AcmeProblemDocument Problem(AcmeAuthorization authorization) =>
        JsonSerializer.Deserialize(authorization.Error!, AcmeJsonContext.Default.AcmeProblemDocument)!;
}
