using Identity.People;

namespace Identity.Tests.People;

public sealed class PeopleOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndOwaspLevel()
    {
        var defaults = new PeopleOptions();

        Assert.Empty(defaults.Problems());
        Assert.Equal((19456, 2, 1), (defaults.Passwords.MemoryKiB, defaults.Passwords.Iterations, defaults.Passwords.Parallelism));
    }

    [Fact]
    public void Problems_NameEachBadSetting()
    {
        var bad = new PeopleOptions
        {
            Passwords = new PasswordOptions { MemoryKiB = 4, MaxLength = 5 },
            SignIn = new SignInOptions { LockoutMinutes = 0 },
        };

        var problems = string.Join("\n", bad.Problems());

        Assert.Contains("MemoryKiB", problems, StringComparison.Ordinal);
        Assert.Contains("MaxLength", problems, StringComparison.Ordinal);
        Assert.Contains("LockoutMinutes", problems, StringComparison.Ordinal);
    }
}
