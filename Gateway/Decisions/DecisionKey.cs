using System.Text;
using Platform.Authorization;

namespace Gateway.Decisions;

/// <summary>
/// Everything a question to the decision point says, as a cache key: the principal as it was
/// authenticated (the whole access token, so every claim it carries, or the certificate's serial),
/// the action, the resource's type and id, and the context. Two questions that differ in any of
/// these have different keys; nothing is left out or normalised away.
/// </summary>
internal readonly record struct DecisionKey(bool ByToken, string Principal, string Action, string ResourceType, string ResourceId, string Context)
{
    public static DecisionKey Of(AuthorizationQuestion question) => question.Principal switch
    {
        // The kind apart from the value, so that a token and a serial can never be taken for each
        // other, and the token is not copied.
        AccessTokenPrincipal token => new(true, token.Token, question.Action, question.ResourceType, question.ResourceId, Canonical(question.Context)),
        CertificatePrincipal certificate => new(false, certificate.SerialNumber, question.Action, question.ResourceType, question.ResourceId, Canonical(question.Context)),
        _ => throw new ArgumentException("An unknown kind of principal.", nameof(question)),
    };

    /// <summary>The context's entries in ordinal order, each name and value length-prefixed, so that no two contexts read alike.</summary>
    private static string Canonical(IReadOnlyDictionary<string, string>? context)
    {
        if (context is null || context.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var (name, value) in context.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(name.Length).Append(':').Append(name).Append(value.Length).Append(':').Append(value);
        }

        return text.ToString();
    }
}
