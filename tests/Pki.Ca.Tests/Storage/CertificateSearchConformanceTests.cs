using Pki.Ca.Storage;
using Platform.Tests.Storage.Harness;

namespace Pki.Ca.Tests.Storage;

/// <summary><see cref="ICaStore.SearchAsync"/> on every provider: filters, order and paging.</summary>
public abstract class CertificateSearchConformanceTests(StorageTarget target) : CaStoreTestBase(target)
{
    [Fact]
    public async Task SearchAsync_NoFilter_ReturnsAllNewestFirst()
    {
        var store = await CreateStoreWithCaAsync();
        await AddAllAsync(store, [Certificate("01", issuedAt: Now.AddDays(-3)), Certificate("02", issuedAt: Now.AddDays(-1)), Certificate("03", issuedAt: Now.AddDays(-2))]);

        Assert.Equal(["02", "03", "01"], await SerialsAsync(store, new CertificateQuery(Now)));
    }

    [Theory]
    [InlineData("acme", new[] { "01", "02" })]
    [InlineData("ACME", new[] { "01", "02" })]
    [InlineData("cn=ALICE", new[] { "01" })]
    [InlineData("o=other", new[] { "03" })]
    [InlineData("nobody", new string[0])]
    public async Task SearchAsync_SubjectContains_MatchesCaseInsensitively(string contains, string[] expected)
    {
        var store = await CreateStoreWithCaAsync();
        await AddAllAsync(store, [
            Certificate("01", "CN=Alice Example,O=Acme", Now.AddHours(-3)),
            Certificate("02", "CN=bob,O=ACME", Now.AddHours(-4)),
            Certificate("03", "CN=carol,O=Other", Now.AddHours(-5))]);

        Assert.Equal(expected, await SerialsAsync(store, new CertificateQuery(Now, SubjectContains: contains)));
    }

    [Theory]
    [InlineData("100%", new[] { "01" })]
    [InlineData("%", new[] { "01" })]
    [InlineData("a_b", new[] { "03" })]
    [InlineData("_", new[] { "03" })]
    [InlineData("%_", new string[0])]
    [InlineData(@"smith\,", new[] { "05" })]
    [InlineData(@"\", new[] { "05" })]
    public async Task SearchAsync_SubjectWithLikeMetacharacters_MatchesThemLiterally(string contains, string[] expected)
    {
        var store = await CreateStoreWithCaAsync();
        await AddAllAsync(store, [
            Certificate("01", "CN=100% sure", Now.AddHours(-1)),
            Certificate("02", "CN=1000 sure", Now.AddHours(-2)),
            Certificate("03", "CN=a_b", Now.AddHours(-3)),
            Certificate("04", "CN=axb", Now.AddHours(-4)),
            Certificate("05", @"CN=Smith\, John", Now.AddHours(-5)),
            Certificate("06", "CN=Smith, John", Now.AddHours(-6))]);

        Assert.Equal(expected, await SerialsAsync(store, new CertificateQuery(Now, SubjectContains: contains)));
    }

    [Theory]
    [InlineData("jürgen", new[] { "01" })]
    [InlineData("ÄRGER", new[] { "01" })]
    [InlineData("straße", new[] { "02" })]
    public async Task SearchAsync_NonAsciiSubject_MatchesCaseInsensitively(string contains, string[] expected)
    {
        var store = await CreateStoreWithCaAsync();
        await AddAllAsync(store, [
            Certificate("01", "CN=JÜRGEN Ärger", Now.AddHours(-1)),
            Certificate("02", "CN=Straße", Now.AddHours(-2))]);

        Assert.Equal(expected, await SerialsAsync(store, new CertificateQuery(Now, SubjectContains: contains)));
    }

    [Theory]
    [InlineData(CertificateStatus.Valid, new[] { "01" })]
    [InlineData(CertificateStatus.Expired, new[] { "02", "03" })]
    [InlineData(CertificateStatus.Revoked, new[] { "04", "05" })]
    public async Task SearchAsync_Status_ReturnsOnlyThatStatus(CertificateStatus status, string[] expected)
    {
        var store = await CreateStoreWithCaAsync();
        CertificateRecord[] certificates = [
            Certificate("01", issuedAt: Now.AddDays(-1), notAfter: Now.AddMilliseconds(1)),
            Certificate("02", issuedAt: Now.AddDays(-2), notAfter: Now),
            Certificate("03", issuedAt: Now.AddDays(-3), notAfter: Now.AddDays(-1)),
            Certificate("04", issuedAt: Now.AddDays(-4), revokedAt: Now.AddHours(-1)),
            Certificate("05", issuedAt: Now.AddDays(-5), notAfter: Now.AddDays(-1), revokedAt: Now.AddDays(-2))];
        await AddAllAsync(store, certificates);

        Assert.Equal(expected, await SerialsAsync(store, new CertificateQuery(Now, Status: status)));
        Assert.Equal(certificates.Where(c => c.StatusAt(Now) == status).Select(c => c.SerialNumber), expected);
    }

    [Fact]
    public async Task SearchAsync_SubjectAndStatus_BothApply()
    {
        var store = await CreateStoreWithCaAsync();
        await AddAllAsync(store, [
            Certificate("01", "CN=web", Now.AddDays(-1)),
            Certificate("02", "CN=web", Now.AddDays(-2), revokedAt: Now.AddHours(-1)),
            Certificate("03", "CN=mail", Now.AddDays(-3))]);

        Assert.Equal(["01"], await SerialsAsync(store, new CertificateQuery(Now, SubjectContains: "web", Status: CertificateStatus.Valid)));
    }

    [Fact]
    public async Task SearchAsync_Limit_ReturnsTheNewest()
    {
        var store = await CreateStoreWithCaAsync();
        await AddAllAsync(store, Enumerable.Range(1, 5).Select(i => Certificate(i.ToString("x2"), issuedAt: Now.AddMinutes(i))));

        Assert.Equal(["05", "04"], await SerialsAsync(store, new CertificateQuery(Now, Limit: 2)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task SearchAsync_LimitBelowOne_ReturnsOne(int limit)
    {
        var store = await CreateStoreWithCaAsync();
        await AddAllAsync(store, [Certificate("01"), Certificate("02")]);

        Assert.Single(await store.SearchAsync(new CertificateQuery(Now, Limit: limit)));
    }

    [Fact]
    public async Task SearchAsync_LimitAbove1000_ReturnsAtMost1000()
    {
        var store = await CreateStoreWithCaAsync();
        await Task.WhenAll(Enumerable.Range(1, 1001).Select(i => store.AddCertificateAsync(Certificate(i.ToString("x4")), Change("c"))));

        Assert.Equal(1000, (await store.SearchAsync(new CertificateQuery(Now, Limit: 5000))).Count);
    }

    [Fact]
    public async Task SearchAsync_Before_ContinuesAfterThatPosition()
    {
        var store = await CreateStoreWithCaAsync();
        var tie = Now.AddHours(-2);
        await AddAllAsync(store, [
            Certificate("01", issuedAt: Now.AddHours(-1)),
            Certificate("0a", issuedAt: tie),
            Certificate("0b", issuedAt: tie),
            Certificate("0c", issuedAt: tie),
            Certificate("02", issuedAt: Now.AddHours(-3))]);

        var after0b = await SerialsAsync(store, new CertificateQuery(Now, Before: (tie.ToUnixTimeMilliseconds(), "0b")));

        Assert.Equal(["0a", "02"], after0b);
    }

    [Fact]
    public async Task SearchAsync_PagingWithBefore_VisitsEveryCertificateOnceInOrder()
    {
        var store = await CreateStoreWithCaAsync();
        // Issued in pairs at the same millisecond, so page boundaries fall inside ties.
        var certificates = Enumerable.Range(1, 11).Select(i => Certificate(i.ToString("x2"), issuedAt: Now.AddMinutes(-(i / 2)))).ToList();
        await AddAllAsync(store, certificates);
        var expected = certificates.OrderByDescending(c => c.IssuedAt).ThenByDescending(c => c.SerialNumber, StringComparer.Ordinal).Select(c => c.SerialNumber);

        var seen = new List<string>();
        (long, string)? before = null;
        while (true)
        {
            var page = await store.SearchAsync(new CertificateQuery(Now, Limit: 3, Before: before));
            seen.AddRange(page.Select(c => c.SerialNumber));
            if (page.Count < 3)
            {
                break;
            }

            before = (page[^1].IssuedAt.ToUnixTimeMilliseconds(), page[^1].SerialNumber);
        }

        Assert.Equal(expected, seen);
    }

    private static async Task<string[]> SerialsAsync(ICaStore store, CertificateQuery query) =>
        [.. (await store.SearchAsync(query)).Select(c => c.SerialNumber)];
}
