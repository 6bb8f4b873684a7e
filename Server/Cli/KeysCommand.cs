namespace Server.Cli;

/// <summary>The <c>keys</c> commands: <c>list</c> (the key inventory) and <c>rewrap</c> (a new key-encryption key).</summary>
internal static class KeysCommand
{
    public const string Summary = "Keys: 'keys list [--json]' shows every key, its store and certificates; " +
        "'keys rewrap --new-kek-file F' re-encrypts the software keys under a new key-encryption key (server stopped).";

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "list":
                return await KeysListCommand.RunAsync(args[1..], Console.Out);
            case "rewrap":
                return await KeysRewrapCommand.RunAsync(args);
            default:
                await Console.Error.WriteLineAsync(KeysListCommand.Usage + "\n" + KeysRewrapCommand.Usage);
                return 2;
        }
    }
}
