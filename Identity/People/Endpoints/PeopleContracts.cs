using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Identity.People.Totp;

namespace Identity.People.Endpoints;

/// <summary>The body of <c>POST /identity/people</c>.</summary>
public sealed record CreatePersonRequest([property: Required] string? Login, [property: Required] string? DisplayName, [property: Required] string? Department, string? Password, IReadOnlyList<string>? Roles);

/// <summary>The body of <c>PATCH /identity/people/{login}</c>: members given are changed, the others kept.</summary>
public sealed record UpdatePersonRequest(bool? Disabled, string? DisplayName, string? Department, IReadOnlyList<string>? Roles, string? Password, bool? Locked);

/// <summary>The body of <c>POST /identity/people/{login}/certificates</c>.</summary>
public sealed record BindCertificateRequest([property: Required] string? SerialNumber);

/// <summary>The body of <c>POST /identity/people/{login}/totp/confirm</c>.</summary>
public sealed record ConfirmTotpRequest([property: Required] string? Code);

/// <summary>A page of <c>GET /identity/people</c>, in login order; <c>next</c> is the cursor of the next page, null on the last.</summary>
public sealed record PeoplePage(IReadOnlyList<Person> People, string? Next);

/// <summary>Source-generated JSON for the directory's API: camelCase, no reflection; unknown members are refused, so a misspelt field is not silently ignored.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CreatePersonRequest))]
[JsonSerializable(typeof(UpdatePersonRequest))]
[JsonSerializable(typeof(BindCertificateRequest))]
[JsonSerializable(typeof(ConfirmTotpRequest))]
[JsonSerializable(typeof(Person))]
[JsonSerializable(typeof(PeoplePage))]
[JsonSerializable(typeof(TotpEnrolmentStart))]
public sealed partial class PeopleJsonContext : JsonSerializerContext;
