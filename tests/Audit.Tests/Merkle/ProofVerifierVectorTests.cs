using Audit.Merkle;

namespace Audit.Tests.Merkle;

public sealed class ProofVerifierVectorTests
{
    public static TheoryData<string> InclusionFiles() => Files("inclusion");

    public static TheoryData<string> ConsistencyFiles() => Files("consistency");

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void VerifyInclusion_Vector_MatchesExpectedOutcome(string file)
    {
        var path = Resolve(file);
        var v = VectorCase.Load(path);

        if (v.Number("leafIdx") is not { } index || v.Number("treeSize") is not { } size)
        {
            Assert.True(v.WantErr, "A valid vector uses sizes beyond Int64.");
            return;
        }

        var result = ProofVerifier.VerifyInclusion(index, size, v.Bytes("leafHash"), v.Proof(), v.Bytes("root"));

        Assert.Equal(!v.WantErr, result.IsValid);
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void VerifyConsistency_Vector_MatchesExpectedOutcome(string file)
    {
        var path = Resolve(file);
        var v = VectorCase.Load(path);

        if (v.Number("size1") is not { } size1 || v.Number("size2") is not { } size2)
        {
            Assert.True(v.WantErr, "A valid vector uses sizes beyond Int64.");
            return;
        }

        var result = ProofVerifier.VerifyConsistency(size1, size2, v.Proof(), v.Bytes("root1"), v.Bytes("root2"));

        Assert.Equal(!v.WantErr, result.IsValid);
    }

    [Fact]
    public void Vectors_Folder_IsPresentAndComplete()
    {
        TestData.RequireMerkleVectors();
        Assert.True(Files("inclusion").Count > 80);
        Assert.True(Files("consistency").Count > 80);
    }

    private static string Resolve(string file) => VectorFiles.Resolve(file);

    private static TheoryData<string> Files(string kind) => VectorFiles.List(kind);
}
