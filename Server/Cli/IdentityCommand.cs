using Identity.Signing;
using Platform.Auditing;
using Platform.Keys;
using System.Data.Common;
using System.Security.Cryptography;

namespace Server.Cli;

/// <summary>
/// <c>identity rotate-keys [--Platform:… options]</c>: makes the next token-signing key with the
/// server's configuration, published from the next start and signing after
/// <c>Identity:SigningKeyActivationHours</c>. Run it with the server stopped; audited as
/// <c>signing-key.rotate</c>. Exit status 0 when a key was made, 1 when a next key was
/// already pending (nothing changed) or the rotation failed, 2 for a usage error.
/// </summary>
internal static class IdentityCommand
{
    public const string Summary = "Identity: 'identity rotate-keys' makes the next token-signing key (server stopped).";

    public const string Usage = "Usage: identity rotate-keys [--Platform:DataDirectory DIR] [the server's other --Platform:… and --Identity:… settings]\n" +
        "  Run it with the server stopped, with the configuration the server uses.";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.FirstOrDefault() != "rotate-keys" || !IsConfiguration(args[1..]))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            await using var app = await KeysHost.OpenAsync(args[1..]);
            var report = await app.Services.GetRequiredService<ISigningKeyRotator>().RotateAsync();
            await (report.Rotated ? Console.Out : Console.Error).WriteLineAsync(report.Message);
            return report.Rotated ? 0 : 1;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or CryptographicException
            or DbException or NotSupportedException or KeyNotFoundException or AuditUnavailableException or KeyStoreUnavailableException)
        {
            await Console.Error.WriteLineAsync($"identity rotate-keys: {e.Message}");
            return 1;
        }
    }

    /// <summary>Only <c>--Section:Key value</c> pairs: anything else is a mistyped option, not configuration.</summary>
    private static bool IsConfiguration(string[] arguments)
    {
        for (var i = 0; i < arguments.Length; i += 2)
        {
            if (!arguments[i].StartsWith("--", StringComparison.Ordinal) || !arguments[i].Contains(':', StringComparison.Ordinal) || i + 1 >= arguments.Length)
            {
                return false;
            }
        }

        return true;
    }
}
