using System.Text.Json;

namespace Audit.Tests.Merkle;

/// <summary>One transparency-dev/merkle proof vector file, read as untrusted JSON.</summary>
internal sealed class VectorCase
{
    private readonly JsonElement _root;

    private VectorCase(JsonElement root) => _root = root;

    public static VectorCase Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return new VectorCase(doc.RootElement.Clone());
    }

    /// <summary>
    /// The named size or index, or null when it does not fit in a <see cref="long"/> (the
    /// vectors include 2^64 - 1), which our API cannot even express.
    /// </summary>
    public long? Number(string name) =>
        _root.GetProperty(name).TryGetInt64(out var value) ? value : null;

    public byte[] Bytes(string name) => Convert.FromBase64String(_root.GetProperty(name).GetString() ?? "");

    public bool WantErr => _root.GetProperty("wantErr").GetBoolean();

    public List<byte[]> Proof()
    {
        var proof = new List<byte[]>();
        if (_root.TryGetProperty("proof", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                proof.Add(Convert.FromBase64String(item.GetString() ?? ""));
            }
        }

        return proof;
    }
}
