namespace Pmi.Authorization.Values;

/// <summary>A Cedar ipaddr: an IPv4 or IPv6 address with a prefix length (a single address or a range).</summary>
internal sealed class IpValue(UInt128 address, bool isV4, int prefix) : Value
{
    public UInt128 Address { get; } = address;

    public bool IsV4 { get; } = isV4;

    public int Prefix { get; } = prefix;

    public override string TypeName => "ipaddr";

    private int Width => IsV4 ? 32 : 128;

    public override bool Equals(Value? other) => other is IpValue ip && ip.Address == Address && ip.IsV4 == IsV4 && ip.Prefix == Prefix;

    public override int GetHashCode() => HashCode.Combine(Address, IsV4, Prefix);

    /// <summary>Lowest and highest address of the network this value denotes.</summary>
    public (UInt128 Lo, UInt128 Hi) Range()
    {
        var hostBits = Width - Prefix;
        if (hostBits == 128)
        {
            return (UInt128.Zero, UInt128.MaxValue);
        }

        var lo = Address >> hostBits << hostBits;
        var hi = lo + ((UInt128.One << hostBits) - 1);
        return (lo, hi);
    }

    public bool IsInRange(IpValue other)
    {
        if (other.IsV4 != IsV4)
        {
            return false;
        }

        var (lo1, hi1) = Range();
        var (lo2, hi2) = other.Range();
        return hi2 >= hi1 && lo1 >= lo2;
    }

    public override string ToString()
    {
        string addr;
        if (IsV4)
        {
            var v = (uint)Address;
            addr = $"{v >> 24}.{(v >> 16) & 0xFF}.{(v >> 8) & 0xFF}.{v & 0xFF}";
        }
        else
        {
            var groups = new string[8];
            for (var i = 0; i < 8; i++)
            {
                groups[i] = ((ushort)(Address >> (112 - (16 * i)))).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            }

            addr = string.Join(':', groups);
        }

        return $"ip(\"{addr}/{Prefix}\")";
    }
}
