using Platform.Cryptography.Cms;
using Platform.Http;

namespace Signatures.Envelopes;

/// <summary>A recipient certificate judged: the recipient to encrypt to, or why not.</summary>
internal sealed record RecipientCheck(CmsRecipient? Recipient, ProblemCode? Code = null, string? Detail = null);
