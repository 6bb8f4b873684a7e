using System.Text.Json;
using Pki.Ca.Acme.Jws;

namespace Pki.Ca.Acme;

/// <summary>
/// A verified ACME request: its JWS, the key that signed it, and the account of that key (null
/// only for the requests signed with a <c>jwk</c>: new-account, and revocation by the
/// certificate's key).
/// </summary>
internal sealed record AcmeRequest(SignedMessage Message, AccountKey Key, AcmeAccount? Account)
{
    /// <summary>The account, which a <c>kid</c> request always has.</summary>
    public AcmeAccount Signer => Account ?? throw new InvalidOperationException("A jwk request has no account.");

    /// <summary>True for a POST-as-GET (RFC 8555 §6.3): the payload is empty.</summary>
    public bool IsPostAsGet => Message.Payload.Length == 0;

    /// <summary>The payload as a JSON object; a refusal when it is anything else.</summary>
    public JsonElement Payload()
    {
        try
        {
            using var document = JsonDocument.Parse(Message.Payload, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new AcmeRefusal(AcmeProblems.Malformed, "The payload is not a JSON object.");
        }
        catch (JsonException)
        {
            throw new AcmeRefusal(AcmeProblems.Malformed, IsPostAsGet ? "This request needs a payload, not a POST-as-GET." : "The payload is not JSON.");
        }
    }
}
