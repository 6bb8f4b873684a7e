namespace Audit.Events;

/// <summary>
/// Who acted. Every member is optional, because a refused request may not identify anyone; fill
/// in what authentication established, never what the request merely claimed.
/// </summary>
public sealed record AuditActor
{
    /// <summary>The authenticated subject: a certificate subject DN or a token's <c>sub</c>.</summary>
    public string? Subject { get; init; }

    /// <summary>The client certificate's serial number, lowercase hexadecimal.</summary>
    public string? Serial { get; init; }

    /// <summary>The OAuth client id, when a client acted.</summary>
    public string? ClientId { get; init; }

    /// <summary>The user name, when a person acted.</summary>
    public string? User { get; init; }
}
