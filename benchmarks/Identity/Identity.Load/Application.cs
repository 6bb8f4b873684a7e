namespace Identity.Load;

/// <summary>The application both providers serve: the data-exchange hub asking for a token to write to the exchange.</summary>
internal static class Application
{
    public const string ClientId = "exchange-hub";

    public const string SubjectDn = "CN=exchange-hub,O=Data Exchange Office";

    public const string Scope = "exchange.write";

    public const string Audience = "https://exchange.city.example";
}
