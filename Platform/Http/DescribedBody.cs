using Microsoft.AspNetCore.Builder;

namespace Platform.Http;

/// <summary>
/// Endpoint metadata describing the body an endpoint reads itself (<see cref="RequestBody"/>) in its
/// protocol's own media types, for the OpenAPI description. Unlike <c>Accepts</c>, it does not make
/// routing refuse another media type with 415: the endpoint answers that in its protocol's way
/// (OCSP's malformedRequest, a TimeStampResp, an ACME problem, EST's plain-text refusal).
/// </summary>
/// <param name="Type">What the body is: <see cref="Stream"/> for binary DER, <see cref="string"/> for text.</param>
/// <param name="MediaTypes">The media types the endpoint reads.</param>
public sealed record DescribedBody(Type Type, IReadOnlyList<string> MediaTypes);

/// <summary>Adds <see cref="DescribedBody"/> to endpoints.</summary>
public static class DescribedBodyExtensions
{
    /// <summary>Describes the endpoint's body as <typeparamref name="T"/> in <paramref name="mediaTypes"/>.</summary>
    public static RouteHandlerBuilder DescribesBody<T>(this RouteHandlerBuilder builder, params string[] mediaTypes) =>
        builder.WithMetadata(new DescribedBody(typeof(T), mediaTypes));
}
