namespace Pmi.Authorization.Json;

/// <summary>Input JSON that is well-formed but not valid Cedar data; reported as a result value.</summary>
internal sealed class JsonFormatException(string message) : Exception(message);
