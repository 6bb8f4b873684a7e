using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Hosting;
using Platform.Keys;
using Server.Hosting;
using System.Security.Cryptography;

namespace Server.Cli;

/// <summary>
/// <c>keys rewrap --new-kek-file F [--Platform:… options]</c>: re-encrypts every software private
/// key under the 32-byte key-encryption key in F, with the server's configuration (so the same data
/// directory and current KEK). The server must be stopped while it runs; it can be run again to
/// finish an interrupted run.
/// </summary>
internal static class KeysCommand
{
    public const string Summary = "Keys: 'keys rewrap --new-kek-file F' re-encrypts the software keys under a new key-encryption key (server stopped).";

    public static async Task<int> RunAsync(string[] args)
    {
        var fileIndex = Array.IndexOf(args, "--new-kek-file");
        if (args.FirstOrDefault() != "rewrap" || fileIndex < 1 || fileIndex + 1 >= args.Length)
        {
            await Console.Error.WriteLineAsync("Usage: keys rewrap --new-kek-file FILE [--Platform:DataDirectory DIR] [--Platform:Keys:KeyEncryptionKeyFile OLD]\n" +
                "  FILE holds the new 32-byte key (e.g. head -c 32 /dev/urandom > FILE). Run it with the server stopped, with the configuration the server uses.");
            return 2;
        }

        var newKekFile = args[fileIndex + 1];
        var configuration = args[1..].Where((_, i) => i + 1 != fileIndex && i + 1 != fileIndex + 1).ToArray();
        try
        {
            var newKek = await File.ReadAllBytesAsync(newKekFile);
            await using var app = PlatformHost.Build(configuration);
            var result = SoftwareKeyRewrap.Run(app.Services.GetRequiredService<IOptions<PlatformOptions>>().Value, newKek);
            Console.WriteLine($"Re-encrypted {result.Rewrapped} key file(s); {result.AlreadyNew} were already under the new key-encryption key.");
            if (result.InstalledFile is not null)
            {
                Console.WriteLine($"{result.InstalledFile} now holds the new key; the old one is {result.InstalledFile}.old (delete it once the platform starts).");
            }

            if (result.Instruction is not null)
            {
                Console.WriteLine(result.Instruction);
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or CryptographicException)
        {
            await Console.Error.WriteLineAsync($"The keys were not re-encrypted: {e.Message}");
            return 1;
        }
    }
}
