using Pmi.Authorization.Values;

namespace Pmi.Authorization.Extensions;

/// <summary>
/// The extension functions and methods of decimal, ipaddr, datetime and duration. Errors are
/// returned as <see cref="ErrorValue"/> with a message, never thrown.
/// </summary>
internal static class ExtensionFunctions
{
    private const long MsPerDay = 86_400_000;

    /// <summary>Constructor functions, called as <c>name("...")</c>.</summary>
    public static readonly HashSet<string> Constructors = new(StringComparer.Ordinal) { "decimal", "ip", "datetime", "duration" };

    /// <summary>Extension methods and their arity including the receiver.</summary>
    public static readonly Dictionary<string, int> Methods = new(StringComparer.Ordinal)
    {
        ["lessThan"] = 2,
        ["lessThanOrEqual"] = 2,
        ["greaterThan"] = 2,
        ["greaterThanOrEqual"] = 2,
        ["isIpv4"] = 1,
        ["isIpv6"] = 1,
        ["isLoopback"] = 1,
        ["isMulticast"] = 1,
        ["isInRange"] = 2,
        ["offset"] = 2,
        ["durationSince"] = 2,
        ["toDate"] = 1,
        ["toTime"] = 1,
        ["toMilliseconds"] = 1,
        ["toSeconds"] = 1,
        ["toMinutes"] = 1,
        ["toHours"] = 1,
        ["toDays"] = 1,
    };

    private static readonly IpValue LoopbackV4 = new(0x7F000000u, true, 8);
    private static readonly IpValue LoopbackV6 = new(UInt128.One, false, 128);
    private static readonly IpValue MulticastV4 = new(0xE0000000u, true, 4);
    private static readonly IpValue MulticastV6 = new(new UInt128(0xFF00_0000_0000_0000UL, 0), false, 8);

    public static Value Call(string name, Value[] args, out string? error)
    {
        error = null;
        var arity = Methods.TryGetValue(name, out var a) ? a : 1;
        if (args.Length != arity)
        {
            error = $"{name} expects {arity} argument(s), got {args.Length}";
            return ErrorValue.Instance;
        }

        if (Constructors.Contains(name))
        {
            return Construct(name, args[0], out error);
        }

        Value? result = (name, args[0], args.Length > 1 ? args[1] : null) switch
        {
            ("lessThan", DecimalValue x, DecimalValue y) => BoolValue.Of(x.Scaled < y.Scaled),
            ("lessThanOrEqual", DecimalValue x, DecimalValue y) => BoolValue.Of(x.Scaled <= y.Scaled),
            ("greaterThan", DecimalValue x, DecimalValue y) => BoolValue.Of(x.Scaled > y.Scaled),
            ("greaterThanOrEqual", DecimalValue x, DecimalValue y) => BoolValue.Of(x.Scaled >= y.Scaled),
            ("isIpv4", IpValue x, _) => BoolValue.Of(x.IsV4),
            ("isIpv6", IpValue x, _) => BoolValue.Of(!x.IsV4),
            ("isLoopback", IpValue x, _) => BoolValue.Of(x.IsInRange(x.IsV4 ? LoopbackV4 : LoopbackV6)),
            ("isMulticast", IpValue x, _) => BoolValue.Of(x.IsInRange(x.IsV4 ? MulticastV4 : MulticastV6)),
            ("isInRange", IpValue x, IpValue y) => BoolValue.Of(x.IsInRange(y)),
            ("offset", DatetimeValue x, DurationValue y) => Datetime((Int128)x.Millis + y.Millis),
            ("durationSince", DatetimeValue x, DatetimeValue y) => Duration((Int128)x.Millis - y.Millis),
            ("toDate", DatetimeValue x, _) => Datetime(FloorDiv(x.Millis, MsPerDay) * MsPerDay),
            ("toTime", DatetimeValue x, _) => new DurationValue(((x.Millis % MsPerDay) + MsPerDay) % MsPerDay),
            ("toMilliseconds", DurationValue x, _) => LongValue.Of(x.Millis),
            ("toSeconds", DurationValue x, _) => LongValue.Of(x.Millis / 1000),
            ("toMinutes", DurationValue x, _) => LongValue.Of(x.Millis / 60_000),
            ("toHours", DurationValue x, _) => LongValue.Of(x.Millis / 3_600_000),
            ("toDays", DurationValue x, _) => LongValue.Of(x.Millis / MsPerDay),
            _ => null,
        };

        if (result is null)
        {
            error = Methods.ContainsKey(name) ? $"type error: wrong argument types for {name}" : $"unknown extension function {name}";
            return ErrorValue.Instance;
        }

        if (result is ErrorValue)
        {
            error = $"overflow in {name}";
        }

        return result;
    }

    private static Value Construct(string name, Value arg, out string? error)
    {
        error = null;
        if (arg is not StringValue s)
        {
            error = $"type error: expected string, got {arg.TypeName}";
            return ErrorValue.Instance;
        }

        Value? v = name switch
        {
            "decimal" => DecimalParser.Parse(s.Value),
            "ip" => IpParser.Parse(s.Value),
            "datetime" => DatetimeParser.Parse(s.Value),
            _ => DurationParser.Parse(s.Value),
        };
        if (v is null)
        {
            error = $"invalid argument to {name}: \"{s.Value}\"";
            return ErrorValue.Instance;
        }

        return v;
    }

    private static Int128 FloorDiv(long a, long b) => a >= 0 || a % b == 0 ? a / b : (a / b) - 1;

    private static Value Datetime(Int128 v) => v < long.MinValue || v > long.MaxValue ? ErrorValue.Instance : new DatetimeValue((long)v);

    private static Value Duration(Int128 v) => v < long.MinValue || v > long.MaxValue ? ErrorValue.Instance : new DurationValue((long)v);
}
