using Platform.Http;

namespace Identity.Clients;

/// <summary>Why a registration was refused: the catalogued code, the field it concerns (null when none), and a safe detail.</summary>
internal sealed record ClientFieldError(ProblemCode Code, string? Field, string Detail);
