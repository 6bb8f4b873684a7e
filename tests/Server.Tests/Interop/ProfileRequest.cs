namespace Server.Tests.Interop;

/// <summary>What a CSR for a profile asks for: a subject and SANs the profile accepts.</summary>
public sealed record ProfileRequest(string Subject, string SubjectAlternativeNames)
{
    public const string TlsServer = "tls-server";
    public const string TlsClient = "tls-client";
    public const string DocumentSigning = "document-signing";

    public static IReadOnlyList<string> Profiles { get; } = [TlsServer, TlsClient, DocumentSigning];

    public static ProfileRequest For(string profile) => profile switch
    {
        TlsServer => new("/CN=web.example.org/O=City Hall", "DNS:web.example.org,DNS:www.example.org,IP:192.0.2.10"),
        TlsClient => new("/CN=Jane Clerk/O=City Hall/OU=Permits", "email:jane.clerk@example.org"),
        DocumentSigning => new("/CN=Records Office/O=City Hall", "email:records@example.org"),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };
}
