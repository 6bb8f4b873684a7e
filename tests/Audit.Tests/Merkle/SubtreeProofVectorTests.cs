using Audit.Merkle;

namespace Audit.Tests.Merkle;

public sealed class SubtreeProofVectorTests
{
    public static TheoryData<string> InclusionFiles() => VectorFiles.List("subtreeinclusion");

    public static TheoryData<string> ConsistencyFiles() => VectorFiles.List("subtreeconsistency");

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void VerifyInclusion_SubtreeVector_MatchesExpectedOutcome(string file)
    {
        var v = VectorCase.Load(VectorFiles.Resolve(file));
        if (v.Number("leafIdx") is not { } index || v.Number("start") is not { } start || v.Number("end") is not { } end)
        {
            Assert.True(v.WantErr, "A valid vector uses sizes beyond Int64.");
            return;
        }

        var result = SubtreeProofVerifier.VerifyInclusion(index, start, end, v.Bytes("leafHash"), v.Proof(), v.Bytes("root"));

        Assert.Equal(!v.WantErr, result.IsValid);
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void VerifyConsistency_SubtreeVector_MatchesExpectedOutcome(string file)
    {
        var v = VectorCase.Load(VectorFiles.Resolve(file));
        if (v.Number("start") is not { } start || v.Number("end") is not { } end || v.Number("size") is not { } size)
        {
            Assert.True(v.WantErr, "A valid vector uses sizes beyond Int64.");
            return;
        }

        var result = SubtreeProofVerifier.VerifyConsistency(start, end, size, v.Proof(), v.Bytes("root1"), v.Bytes("root2"));

        Assert.Equal(!v.WantErr, result.IsValid);
    }
}
