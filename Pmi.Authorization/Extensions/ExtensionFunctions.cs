using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Extensions;

/// <summary>The extension functions and methods of decimal, ipaddr, datetime and duration.</summary>
internal static class ExtensionFunctions
{
    private const long MsPerDay = 86_400_000;

    /// <summary>Constructor functions, called as <c>name("...")</c>.</summary>
    public static readonly HashSet<string> Constructors = new(StringComparer.Ordinal) { "decimal", "ip", "datetime", "duration" };

    /// <summary>Extension methods and their arity including the receiver.</summary>
    public static readonly Dictionary<string, int> Methods = new(StringComparer.Ordinal)
    {
        ["lessThan"] = 2, ["lessThanOrEqual"] = 2, ["greaterThan"] = 2, ["greaterThanOrEqual"] = 2,
        ["isIpv4"] = 1, ["isIpv6"] = 1, ["isLoopback"] = 1, ["isMulticast"] = 1, ["isInRange"] = 2,
        ["offset"] = 2, ["durationSince"] = 2, ["toDate"] = 1, ["toTime"] = 1,
        ["toMilliseconds"] = 1, ["toSeconds"] = 1, ["toMinutes"] = 1, ["toHours"] = 1, ["toDays"] = 1,
    };

    public static Value Call(string name, Value[] args)
    {
        var arity = Methods.TryGetValue(name, out var a) ? a : 1;
        if (args.Length != arity)
        {
            throw new EvaluationException($"{name} expects {arity} argument(s), got {args.Length}");
        }

        switch (name)
        {
            case "decimal":
                return DecimalParser.Parse(ValueOps.AsString(args[0])) ?? throw Bad("decimal", args[0]);
            case "ip":
                return IpParser.Parse(ValueOps.AsString(args[0])) ?? throw Bad("ip", args[0]);
            case "datetime":
                return DatetimeParser.Parse(ValueOps.AsString(args[0])) ?? throw Bad("datetime", args[0]);
            case "duration":
                return DurationParser.Parse(ValueOps.AsString(args[0])) ?? throw Bad("duration", args[0]);
            case "lessThan":
                return BoolValue.Of(Dec(args[0]) < Dec(args[1]));
            case "lessThanOrEqual":
                return BoolValue.Of(Dec(args[0]) <= Dec(args[1]));
            case "greaterThan":
                return BoolValue.Of(Dec(args[0]) > Dec(args[1]));
            case "greaterThanOrEqual":
                return BoolValue.Of(Dec(args[0]) >= Dec(args[1]));
            case "isIpv4":
                return BoolValue.Of(Ip(args[0]).IsV4);
            case "isIpv6":
                return BoolValue.Of(!Ip(args[0]).IsV4);
            case "isLoopback":
                return BoolValue.Of(IsLoopback(Ip(args[0])));
            case "isMulticast":
                return BoolValue.Of(IsMulticast(Ip(args[0])));
            case "isInRange":
                return BoolValue.Of(Ip(args[0]).IsInRange(Ip(args[1])));
            case "offset":
                return new DatetimeValue(CheckedLong((Int128)Dt(args[0]) + Dur(args[1])));
            case "durationSince":
                return new DurationValue(CheckedLong((Int128)Dt(args[0]) - Dt(args[1])));
            case "toDate":
                return new DatetimeValue(CheckedLong(FloorDiv(Dt(args[0]), MsPerDay) * MsPerDay));
            case "toTime":
                return new DurationValue(((Dt(args[0]) % MsPerDay) + MsPerDay) % MsPerDay);
            case "toMilliseconds":
                return LongValue.Of(Dur(args[0]));
            case "toSeconds":
                return LongValue.Of(Dur(args[0]) / 1000);
            case "toMinutes":
                return LongValue.Of(Dur(args[0]) / 60_000);
            case "toHours":
                return LongValue.Of(Dur(args[0]) / 3_600_000);
            case "toDays":
                return LongValue.Of(Dur(args[0]) / MsPerDay);
            default:
                throw new EvaluationException($"unknown extension function {name}");
        }
    }

    private static bool IsLoopback(IpValue ip) =>
        ip.IsInRange(ip.IsV4 ? new IpValue(0x7F000000u, true, 8) : new IpValue(UInt128.One, false, 128));

    private static bool IsMulticast(IpValue ip) =>
        ip.IsInRange(ip.IsV4 ? new IpValue(0xE0000000u, true, 4) : new IpValue(new UInt128(0xFF00_0000_0000_0000UL, 0), false, 8));

    private static Int128 FloorDiv(long a, long b) => a >= 0 || a % b == 0 ? a / b : (a / b) - 1;

    private static long CheckedLong(Int128 v) =>
        v < long.MinValue || v > long.MaxValue ? throw new EvaluationException("overflow in datetime arithmetic") : (long)v;

    private static long Dec(Value v) => ValueOps.AsExtension<DecimalValue>(v, "decimal").Scaled;

    private static IpValue Ip(Value v) => ValueOps.AsExtension<IpValue>(v, "ipaddr");

    private static long Dt(Value v) => ValueOps.AsExtension<DatetimeValue>(v, "datetime").Millis;

    private static long Dur(Value v) => ValueOps.AsExtension<DurationValue>(v, "duration").Millis;

    private static EvaluationException Bad(string fn, Value arg) => new($"invalid argument to {fn}: {arg}");
}
