using System.Text;
using Platform.Authorization;

namespace Gateway.Decisions;

/// <summary>
/// Everything a question to the decision point says, as a cache key: the principal as it was
/// authenticated (the whole access token, so every claim it carries, or the certificate's serial),
/// the action, the resource's type and id, and the context. Two questions that differ in any of
/// these have different keys; nothing is left out or normalised away.
/// </summary>
internal readonly record struct DecisionKey(string Principal, string Action, string ResourceType, string ResourceId, string Context)
{
    public static DecisionKey Of(AuthorizationQuestion question) => new(
        question.Principal switch
        {
            // A token has no spaces and a serial is hex: the kinds cannot be mistaken for each other.
            AccessTokenPrincipal token => "token " + token.Token,
            CertificatePrincipal certificate => "certificate " + certificate.SerialNumber,
            _ => throw new ArgumentException("An unknown kind of principal.", nameof(question)),
        },
        question.Action, question.ResourceType, question.ResourceId, Canonical(question.Context));

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
