using Microsoft.Extensions.Options;
using Signatures.Validation;
using Signatures.Validation.Chains;
using Signatures.Validation.Reports;
using Signatures.Validation.Revocation;
using Signatures.Validation.TimeStamps;
using TestSupport;

namespace Signatures.Tests.Validation;

/// <summary>The validator as the host composes it, trusting the test PKI's root (through the trust-anchor setting), at a time the test sets.</summary>
internal sealed class ValidatorHarness : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public ValidatorHarness(DateTimeOffset? now = null)
    {
        var start = now ?? new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
        Clock = new FixedClock(start);
        Pki = new TestPki(start);
        var options = new SignaturesOptions();
        options.TrustAnchors.Add(Pki.RootPemFile(directory.Path));
        var signatures = new VerifiedSignatures();
        var paths = new CertificatePathBuilder(signatures);
        Validator = new SignatureValidator(new TrustAnchors(Options.Create(options)), paths, new TimeStampTokenValidator(paths),
            new RevocationChecker(paths, signatures), Clock);
    }

    public FixedClock Clock { get; }

    public TestPki Pki { get; }

    public SignatureValidator Validator { get; }

    public Task<ValidationReport> ValidateAsync(byte[] signature, byte[]? content = null) => Validator.ValidateAsync(signature, content);

    public void Dispose() => directory.Dispose();
}
