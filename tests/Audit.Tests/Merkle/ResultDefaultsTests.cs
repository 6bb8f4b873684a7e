using Audit.Checkpoints;
using Audit.Events;
using Audit.Merkle;

namespace Audit.Tests.Merkle;

/// <summary>An outcome that was never computed must never read as a success.</summary>
public sealed class ResultDefaultsTests
{
    [Fact]
    public void DefaultResults_AreNotSuccesses()
    {
        Assert.False(default(ProofVerification).IsValid);
        Assert.False(default(ProofResult<byte[]>).IsSuccess);
        Assert.False(default(NoteResult<Checkpoint>).IsSuccess);
        Assert.False(default(EncodingResult).IsSuccess);
    }
}
