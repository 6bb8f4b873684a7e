using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Gateway.Routes;

/// <summary>
/// A route's <c>ResourceId</c>: literal text with <c>{name}</c> placeholders filled from the
/// request's route values, e.g. <c>{id}</c> for <c>/approvals/{id}/approve</c>.
/// </summary>
internal sealed partial class ResourceIdTemplate
{
    private readonly (string Text, bool IsParameter)[] parts;

    private ResourceIdTemplate((string, bool)[] parts) => this.parts = parts;

    /// <summary>The template, or why it does not read: a stray brace, or a placeholder that is not a parameter of <paramref name="routePath"/>.</summary>
    public static (ResourceIdTemplate? Template, string? Error) Parse(string template, string? routePath)
    {
        var parameters = routePath is null ? [] : RoutePatternFactory.Parse(routePath).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var parts = new List<(string, bool)>();
        var position = 0;
        foreach (Match placeholder in Placeholder().Matches(template))
        {
            if (Literal(template[position..placeholder.Index], parts) is { } stray)
            {
                return (null, $"ResourceId '{template}' has a stray '{stray}'.");
            }

            var name = placeholder.Groups[1].Value;
            if (!parameters.Contains(name))
            {
                return (null, $"ResourceId '{template}' names {{{name}}}, which is not a parameter of the route's path '{routePath}'.");
            }

            parts.Add((name, true));
            position = placeholder.Index + placeholder.Length;
        }

        return Literal(template[position..], parts) is { } last
            ? (null, $"ResourceId '{template}' has a stray '{last}'.")
            : (new ResourceIdTemplate([.. parts]), null);
    }

    /// <summary>The resource id of a request with these route values.</summary>
    public string Fill(RouteValueDictionary values) => parts switch
    {
        [(var text, false)] => text,
        [(var name, true)] => Convert.ToString(values[name], CultureInfo.InvariantCulture) ?? "",
        _ => string.Concat(parts.Select(p => p.IsParameter ? Convert.ToString(values[p.Text], CultureInfo.InvariantCulture) : p.Text)),
    };

    // Adds literal text; returns the brace it holds that opens or closes nothing, if any.
    private static char? Literal(string text, List<(string, bool)> parts)
    {
        if (text.IndexOfAny(['{', '}']) is var brace and >= 0)
        {
            return text[brace];
        }

        if (text.Length > 0)
        {
            parts.Add((text, false));
        }

        return null;
    }

    [GeneratedRegex(@"\{([^{}]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
