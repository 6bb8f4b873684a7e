using System.Globalization;

namespace Gateway.Verification;

/// <summary>
/// One member of a <c>Signature-Input</c> field (RFC 9421 §4.1): an RFC 8941 inner list of
/// component names with its parameters, read strictly; <see cref="Serialized"/> is the text that
/// the signature base's <c>@signature-params</c> line repeats.
/// </summary>
internal sealed record SignatureInput(IReadOnlyList<string> Components, IReadOnlyDictionary<string, string> Parameters, string Serialized)
{
    /// <summary>The member labelled <paramref name="label"/> of <paramref name="field"/>, or null when it is missing or does not read.</summary>
    public static SignatureInput? Read(string field, string label)
    {
        var prefix = label + "=";
        var members = field.Split(',', StringSplitOptions.TrimEntries).Where(m => m.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (members.Count != 1)
        {
            return null;
        }

        var text = members[0][prefix.Length..];
        var close = text.IndexOf(')');
        if (!text.StartsWith('(') || close < 0)
        {
            return null;
        }

        var components = new List<string>();
        foreach (var item in text[1..close].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (item.Length < 2 || item[0] != '"' || item[^1] != '"' || item[1..^1].Contains('"'))
            {
                return null;
            }

            components.Add(item[1..^1]);
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in text[(close + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=');
            if (equals <= 0 || !parameters.TryAdd(parameter[..equals], Unquote(parameter[(equals + 1)..])))
            {
                return null;
            }
        }

        return new SignatureInput(components, parameters, text);
    }

    public long? Integer(string name) =>
        Parameters.TryGetValue(name, out var value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    public string? Text(string name) => Parameters.GetValueOrDefault(name);

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
}
