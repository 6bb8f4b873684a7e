using Identity.People;
using Identity.People.Passwords;
using Microsoft.Extensions.Options;

namespace Identity.Tests.People;

public sealed class PasswordHasherTests
{
    // Cheap parameters: these tests are about the format and the comparison, not the cost.
    private static readonly PeopleOptions Cheap = new() { Passwords = new PasswordOptions { MemoryKiB = 64, Iterations = 1, Parallelism = 1 } };

    [Fact]
    public void Derive_Rfc9106Argon2idVector_GivesTheRfcTag()
    {
        // RFC 9106 §5.3: Argon2id, version 0x13, m = 32 KiB, t = 3, p = 4, with a secret and associated data.
        var tag = PasswordHasher.Derive(Enumerable.Repeat((byte)0x01, 32).ToArray(), Enumerable.Repeat((byte)0x02, 16).ToArray(),
            new Argon2idParameters(32, 3, 4), 32, Enumerable.Repeat((byte)0x03, 8).ToArray(), Enumerable.Repeat((byte)0x04, 12).ToArray());

        Assert.Equal("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", Convert.ToHexStringLower(tag));
    }

    [Fact]
    public async Task Hash_WritesPhcStringWithConfiguredParameters_AndVerifies()
    {
        using var hasher = new PasswordHasher(Options.Create(Cheap));

        var phc = await hasher.HashAsync("correct horse battery", CancellationToken.None);

        Assert.Matches(@"^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$", phc);
        Assert.True(await hasher.VerifyAsync("correct horse battery", phc, CancellationToken.None));
        Assert.False(await hasher.VerifyAsync("correct horse batterY", phc, CancellationToken.None));
        Assert.False(hasher.NeedsRehash(phc));
    }

    [Fact]
    public async Task Verify_PhcOfReferenceImplementation_Matches()
    {
        // Made by the reference implementation: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32 (m = 2^16 KiB).
        using var hasher = new PasswordHasher(Options.Create(Cheap));
        const string reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

        Assert.True(await hasher.VerifyAsync("password", reference, CancellationToken.None));
        Assert.True(hasher.NeedsRehash(reference));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")]
    [InlineData("$argon2id$v=16$m=64,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")]
    [InlineData("$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ=$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ")]
    public async Task Verify_UnreadableOrForeignHash_NeverMatches(string? phc)
    {
        using var hasher = new PasswordHasher(Options.Create(Cheap));

        Assert.False(await hasher.VerifyAsync("password", phc, CancellationToken.None));
    }

    [Fact]
    public void Policy_TooShortOrTooLong_IsRefusedWithItsCode()
    {
        var policy = new PasswordPolicy(Options.Create(new PeopleOptions { Passwords = new PasswordOptions { MinLength = 12, MaxLength = 20 } }));

        Assert.Equal("password-too-short", policy.Check("eleven char")?.Code.Value);
        Assert.Equal("password-too-long", policy.Check(new string('x', 21))?.Code.Value);
        Assert.Null(policy.Check("twelve chars"));
        // Counted as characters, not UTF-16 units: twelve emoji are twelve characters.
        Assert.Null(policy.Check(string.Concat(Enumerable.Repeat("\U0001F511", 12))));
    }
}
