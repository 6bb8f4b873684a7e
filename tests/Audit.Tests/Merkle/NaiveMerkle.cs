using Audit.Merkle;

namespace Audit.Tests.Merkle;

/// <summary>Direct transcriptions of the recursive RFC 9162 definitions, slow but obviously right.</summary>
internal static class NaiveMerkle
{
    public static byte[] Root(IReadOnlyList<byte[]> leaves, int begin, int end)
    {
        var n = end - begin;
        if (n == 0)
        {
            return Rfc6962.EmptyRoot.ToArray();
        }

        if (n == 1)
        {
            return leaves[begin];
        }

        var k = LargestPowerOfTwoBelow(n);
        return Rfc6962.HashChildren(Root(leaves, begin, begin + k), Root(leaves, begin + k, end));
    }

    public static List<byte[]> Path(IReadOnlyList<byte[]> leaves, int m, int begin, int end)
    {
        var n = end - begin;
        if (n <= 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            var path = Path(leaves, m, begin, begin + k);
            path.Add(Root(leaves, begin + k, end));
            return path;
        }
        else
        {
            var path = Path(leaves, m - k, begin + k, end);
            path.Add(Root(leaves, begin, begin + k));
            return path;
        }
    }

    public static List<byte[]> Consistency(IReadOnlyList<byte[]> leaves, int m, int n) => SubProof(leaves, m, 0, n, true);

    private static List<byte[]> SubProof(IReadOnlyList<byte[]> leaves, int m, int begin, int end, bool whole)
    {
        var n = end - begin;
        if (m == n)
        {
            return whole ? [] : [Root(leaves, begin, end)];
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            var proof = SubProof(leaves, m, begin, begin + k, whole);
            proof.Add(Root(leaves, begin + k, end));
            return proof;
        }
        else
        {
            var proof = SubProof(leaves, m - k, begin + k, end, false);
            proof.Add(Root(leaves, begin, begin + k));
            return proof;
        }
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }
}
