namespace Platform.Der;

/// <summary>
/// Checks, without recursion and without allocating, that bytes are one well-formed DER
/// element with definite lengths, no trailing data and nesting no deeper than a limit. Run
/// before handing untrusted bytes to a recursive ASN.1 parser, so a hostile nesting depth can
/// never exhaust the stack.
/// </summary>
public static class DerGuard
{
    /// <summary>Deeper than any structure the platform parses (certificates nest about 10 levels).</summary>
    public const int DefaultMaxDepth = 48;

    /// <summary>True when <paramref name="der"/> is a single well-formed DER element within the depth limit.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> der, int maxDepth = DefaultMaxDepth)
    {
        Span<int> ends = stackalloc int[maxDepth + 1];
        var depth = 0;
        ends[0] = der.Length;
        var position = 0;
        var elements = 0;
        while (position < der.Length)
        {
            while (depth > 0 && position == ends[depth])
            {
                depth--;
            }

            if (depth == 0 && elements == 1)
            {
                return false; // trailing data after the one top-level element
            }

            if (!TryReadHeader(der, ref position, out var constructed, out var length) || length > ends[depth] - position)
            {
                return false;
            }

            if (depth == 0)
            {
                elements++;
            }

            if (constructed)
            {
                if (depth == maxDepth)
                {
                    return false;
                }

                ends[++depth] = position + length;
            }
            else
            {
                position += length;
            }
        }

        return elements == 1 && position == der.Length;
    }

    private static bool TryReadHeader(ReadOnlySpan<byte> der, ref int position, out bool constructed, out int length)
    {
        constructed = false;
        length = 0;
        if (position >= der.Length)
        {
            return false;
        }

        var tag = der[position++];
        constructed = (tag & 0x20) != 0;
        if ((tag & 0x1F) == 0x1F)
        {
            // High tag number: base-128 continuation bytes, at most 4 of them.
            var count = 0;
            while (position < der.Length && (der[position] & 0x80) != 0 && count < 4)
            {
                position++;
                count++;
            }

            if (position >= der.Length || count == 4)
            {
                return false;
            }

            position++;
        }

        if (position >= der.Length)
        {
            return false;
        }

        var first = der[position++];
        if (first < 0x80)
        {
            length = first;
            return true;
        }

        var octets = first & 0x7F;
        if (octets is 0 or > 3 || position + octets > der.Length)
        {
            return false; // indefinite (BER) or larger than anything we accept
        }

        for (var i = 0; i < octets; i++)
        {
            length = (length << 8) | der[position++];
        }

        return true;
    }
}
