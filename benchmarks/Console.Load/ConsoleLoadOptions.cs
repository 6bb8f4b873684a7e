using System.Globalization;

namespace Console.Load;

/// <summary>The command line: how many events to write, verify and search for.</summary>
internal sealed record ConsoleLoadOptions(int Events, int Verifications, int Searches, string? ServerPath, string? DataDirectory)
{
    public const string Usage = "usage: Console.Load [--events 500] [--verifications 200] [--searches 100] [--server PATH/Server.dll] [--data-dir DIR] [--smoke]";

    public static ConsoleLoadOptions Parse(string[] args)
    {
        var options = new ConsoleLoadOptions(500, 200, 100, null, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            int Count() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException(Usage);
            options = args[i] switch
            {
                "--events" => options with { Events = Count() },
                "--verifications" => options with { Verifications = Count() },
                "--searches" => options with { Searches = Count() },
                "--server" => options with { ServerPath = Value() },
                // A data directory to run on and keep, such as one holding a large audit log already.
                "--data-dir" => options with { DataDirectory = Value() },
                // Every code path once, measuring nothing.
                "--smoke" => options with { Events = 10, Verifications = 5, Searches = 3 },
                _ => throw new ArgumentException($"Unknown option {args[i]}. {Usage}"),
            };
        }

        return options;
    }
}
