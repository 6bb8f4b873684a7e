using System.Text;
using Audit.Checkpoints;
using Audit.Merkle;

namespace Audit.Tests.Checkpoints;

/// <summary>Random damage to valid inputs must give error values, never exceptions or false accepts.</summary>
public sealed class UntrustedInputTests
{
    [Fact]
    public void Verify_RandomlyMutatedCheckpointNotes_NeverThrowsNorAccepts()
    {
        using var key = TestEd25519Key.Generate();
        var signer = new NoteSigner("audit.example.gov/log", key);
        var checkpoint = new Checkpoint("audit.example.gov/log", 1234, Rfc6962.HashLeaf("x"u8), ["extension"]);
        var original = signer.SignNote(checkpoint.ToBody()).ToBytes();
        var random = new Random(11);

        for (var trial = 0; trial < 5_000; trial++)
        {
            var mutated = Mutate(original, random);
            var result = CheckpointVerifier.Verify(mutated, signer.VerifierKey, "audit.example.gov/log");

            if (result.IsSuccess)
            {
                // Only changes outside the signed text and the signature (none exist) could pass.
                Assert.Equal(checkpoint, result.Value);
                Assert.Equal(original, mutated);
            }
        }
    }

    [Fact]
    public void Parse_RandomStrings_NeverThrow()
    {
        var random = new Random(12);
        const string alphabet = "ab+/=0123456789\n \u2014\t\r\u00e9\ud83d\ude00-";
        for (var trial = 0; trial < 5_000; trial++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            _ = NoteVerifierKey.Parse(text);
            _ = Checkpoint.Parse(text);
            _ = SignedNote.Parse(Encoding.UTF8.GetBytes(text));
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
