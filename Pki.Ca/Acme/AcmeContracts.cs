using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pki.Ca.Acme;

// The ACME resources as RFC 8555 §7.1 writes them (RFC 9773 adds renewalInfo and replaces).

internal sealed record AcmeDirectory(
    string NewNonce, string NewAccount, string NewOrder, string RevokeCert, string KeyChange, string RenewalInfo, AcmeDirectoryMeta Meta);

internal sealed record AcmeDirectoryMeta(bool ExternalAccountRequired, IReadOnlyDictionary<string, string> Profiles);

internal sealed record AcmeIdentifier(string Type, string Value);

internal sealed record AcmeAccountResource(string Status, IReadOnlyList<string> Contact, string Orders, bool TermsOfServiceAgreed);

internal sealed record AcmeOrderResource(
    string Status, DateTimeOffset Expires, IReadOnlyList<AcmeIdentifier> Identifiers, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter,
    AcmeProblemDocument? Error, IReadOnlyList<string> Authorizations, string Finalize, string? Certificate, string Profile, string? Replaces);

internal sealed record AcmeAuthorizationResource(
    AcmeIdentifier Identifier, string Status, DateTimeOffset Expires, IReadOnlyList<AcmeChallengeResource> Challenges, bool? Wildcard);

internal sealed record AcmeChallengeResource(string Type, string Url, string Status, string Token, DateTimeOffset? Validated, AcmeProblemDocument? Error);

internal sealed record AcmeOrderList(IReadOnlyList<string> Orders);

internal sealed record AcmeRenewalInfo(AcmeRenewalWindow SuggestedWindow, string? ExplanationUrl);

internal sealed record AcmeRenewalWindow(DateTimeOffset Start, DateTimeOffset End);

/// <summary>An ACME problem document (RFC 7807 with the ACME error types).</summary>
internal sealed record AcmeProblemDocument(string Type, string Detail, int Status, AcmeIdentifier? Identifier = null);

/// <summary>An External Account Binding key as a registration officer receives it, once.</summary>
internal sealed record ExternalAccountKeyResponse(string Kid, string HmacKey, string Department, DateTimeOffset ExpiresAt, string Directory);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AcmeDirectory))]
[JsonSerializable(typeof(AcmeAccountResource))]
[JsonSerializable(typeof(AcmeOrderResource))]
[JsonSerializable(typeof(AcmeAuthorizationResource))]
[JsonSerializable(typeof(AcmeChallengeResource))]
[JsonSerializable(typeof(AcmeOrderList))]
[JsonSerializable(typeof(AcmeRenewalInfo))]
[JsonSerializable(typeof(AcmeProblemDocument))]
[JsonSerializable(typeof(ExternalAccountKeyResponse))]
internal sealed partial class AcmeJsonContext : JsonSerializerContext;
