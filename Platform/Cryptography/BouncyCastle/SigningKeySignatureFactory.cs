using Org.BouncyCastle.Crypto;

namespace Platform.Cryptography.BouncyCastle;

/// <summary>
/// Lets Bouncy Castle's certificate, CRL and CMS generators sign with any
/// <see cref="ISigningKey"/>, so the key never has to leave its store.
/// </summary>
public sealed class SigningKeySignatureFactory(ISigningKey key) : ISignatureFactory
{
    /// <inheritdoc />
    public object AlgorithmDetails { get; } = key.Scheme.AlgorithmIdentifier();

    /// <inheritdoc />
    public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(key);

    private sealed class Calculator(ISigningKey key) : IStreamCalculator<IBlockResult>
    {
        private readonly MemoryStream buffer = new();

        public Stream Stream => buffer;

        // Bouncy Castle may close the stream before asking for the result; ToArray still works then.
        public IBlockResult GetResult() => new Result(key.Sign(buffer.ToArray()));
    }

    private sealed class Result(byte[] signature) : IBlockResult
    {
        public byte[] Collect() => signature;

        public int Collect(byte[] buf, int off)
        {
            signature.CopyTo(buf, off);
            return signature.Length;
        }

        public int Collect(Span<byte> output)
        {
            signature.CopyTo(output);
            return signature.Length;
        }

        public int GetMaxResultLength() => signature.Length;
    }
}
