using Pmi.Authorization.AttributeAuthority;

namespace Pmi.Authorization.Tests.AttributeAuthority;

public sealed class SeparationOfDutyOptionsTests
{
    [Fact]
    public void Validate_TwoDistinctRoles_Passes()
    {
        var options = new SeparationOfDutyOptions { SeparationOfDuty = [["approver", "payer"], ["a", "b", "c"]] };

        options.Validate();
    }

    [Theory]
    [InlineData("approver")]
    [InlineData("approver", "approver")]
    [InlineData("approver", "pay er")]
    public void Validate_MalformedSet_Throws(params string[] set)
    {
        var options = new SeparationOfDutyOptions { SeparationOfDuty = [["x", "y"], [.. set]] };

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("Authorization:SeparationOfDuty:1", error.Message, StringComparison.Ordinal);
    }
}
