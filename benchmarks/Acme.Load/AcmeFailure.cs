namespace Acme.Load;

/// <summary>An order that could not complete: its kind (the problem type) counts failures, the detail explains the first.</summary>
internal sealed class AcmeFailure(string kind, string detail) : Exception(detail)
{
    public string Kind { get; } = kind;
}
