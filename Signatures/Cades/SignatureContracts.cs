using System.Text.Json;
using System.Text.Json.Serialization;

namespace Signatures.Cades;

/// <summary>
/// <c>POST /signatures/sign</c>: with <c>seal</c>, the platform signs <c>content</c> with that department's
/// seal; without it, the caller assembles their own signature: <c>signedAttributes</c> from prepare,
/// <c>signatureValue</c> over them, <c>certificate</c> (PEM), and <c>content</c> (required unless detached).
/// </summary>
public sealed record SignRequest(
    string? Content, bool? Detached, string? Level, string? Seal, string? SignedAttributes, string? SignatureValue, string? Certificate);

/// <summary>A signature: DER CMS ContentInfo (base64 in JSON), with what it states.</summary>
/// <remarks>Bytes, not a string: the serializer writes them as base64 directly, without scanning the text for characters to escape.</remarks>
public sealed record SignResponse(
    byte[] Signature, string Level, string Signer, string SignerSubject, DateTimeOffset SigningTime, string? TimestampSerial, string? ArchiveTimestampSerial);

/// <summary>
/// <c>POST /signatures/prepare</c>: the document (<c>content</c>) or its <c>digest</c> under the certificate's
/// digest algorithm, and the caller's signing certificate (PEM, issued by the platform's CA). The chain is
/// the CA's own and needs not be sent; one sent is ignored.
/// </summary>
public sealed record PrepareRequest(string? Content, string? Digest, bool? Detached, string? Certificate, IReadOnlyList<string>? Chain);

/// <summary>The bytes to sign (base64 DER SET of the signed attributes) and the algorithms to sign them with.</summary>
public sealed record PrepareResponse(string SignedAttributes, string DigestAlgorithm, string SignatureAlgorithm, DateTimeOffset SigningTime);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SignRequest))]
[JsonSerializable(typeof(SignResponse))]
[JsonSerializable(typeof(PrepareRequest))]
[JsonSerializable(typeof(PrepareResponse))]
internal sealed partial class SignatureJsonContext : JsonSerializerContext;
