namespace Signatures.Validation.Cms;

/// <summary>
/// Checks, without recursion, that bytes are one well-formed BER element (definite or indefinite
/// lengths, as Bouncy Castle's and Java's CMS generators write them), with no trailing data and
/// nesting no deeper than a limit, before the recursive parser sees them: a hostile nesting depth
/// can never exhaust the stack.
/// </summary>
internal static class BerGuard
{
    /// <summary>Deeper than a CAdES signature with time-stamps and revocation data nests.</summary>
    public const int MaxDepth = 64;

    /// <summary>True when <paramref name="ber"/> is a single well-formed BER element within the depth limit.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> ber)
    {
        // For every open constructed element: where it ends (-1: at its end-of-contents octets).
        Span<int> ends = stackalloc int[MaxDepth + 1];
        var depth = 0;
        var position = 0;
        var elements = 0;
        while (true)
        {
            while (depth > 0 && ends[depth] == position)
            {
                depth--;
            }

            if (depth > 0 && ends[depth] == -1 && position + 1 < ber.Length && ber[position] == 0 && ber[position + 1] == 0)
            {
                position += 2;
                depth--;
                continue;
            }

            if (position == ber.Length)
            {
                return depth == 0 && elements == 1;
            }

            if (depth == 0 && elements == 1)
            {
                return false;
            }

            var limit = Limit(ends, depth, ber.Length);
            if (!TryReadHeader(ber[..limit], ref position, out var constructed, out var length))
            {
                return false;
            }

            if (depth == 0)
            {
                elements++;
            }

            if (length == -1 && !constructed)
            {
                return false;
            }

            if (length > limit - position)
            {
                return false;
            }

            if (constructed)
            {
                if (depth == MaxDepth)
                {
                    return false;
                }

                ends[++depth] = length == -1 ? -1 : position + length;
            }
            else
            {
                position += length;
            }
        }
    }

    /// <summary>The end of the innermost element with a definite length, or of the input.</summary>
    private static int Limit(Span<int> ends, int depth, int total)
    {
        for (var d = depth; d > 0; d--)
        {
            if (ends[d] != -1)
            {
                return ends[d];
            }
        }

        return total;
    }

    private static bool TryReadHeader(ReadOnlySpan<byte> ber, ref int position, out bool constructed, out int length)
    {
        constructed = false;
        length = 0;
        if (position >= ber.Length)
        {
            return false;
        }

        var tag = ber[position++];
        constructed = (tag & 0x20) != 0;
        if ((tag & 0x1F) == 0x1F)
        {
            // High tag numbers: base-128, at most four octets (no CMS tag comes near).
            var octets = 0;
            do
            {
                if (position >= ber.Length || ++octets > 4)
                {
                    return false;
                }
            }
            while ((ber[position++] & 0x80) != 0);
        }

        if (position >= ber.Length)
        {
            return false;
        }

        var first = ber[position++];
        if (first == 0x80)
        {
            length = -1;
            return true;
        }

        if (first < 0x80)
        {
            length = first;
            return true;
        }

        var count = first & 0x7F;
        if (count > 4 || position + count > ber.Length)
        {
            return false;
        }

        long value = 0;
        for (var i = 0; i < count; i++)
        {
            value = (value << 8) | ber[position++];
        }

        if (value > int.MaxValue)
        {
            return false;
        }

        length = (int)value;
        return true;
    }
}
