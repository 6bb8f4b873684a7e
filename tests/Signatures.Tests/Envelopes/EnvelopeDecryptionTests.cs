using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1.X509;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Cryptography.Cms;
using Platform.Http;
using Platform.Keys;
using Signatures.Envelopes;

namespace Signatures.Tests.Envelopes;

/// <summary>
/// Decryption's rules apart from the host: one audit event per request with its real outcome, the
/// content withheld when the trail cannot record it, and the held key cleared after use.
/// </summary>
public sealed class EnvelopeDecryptionTests
{
    private static readonly byte[] Document = "minutes of the closed session"u8.ToArray();

    [Fact]
    public async Task DecryptAsync_Allowed_ReturnsTheContent_AfterOneSuccessEventThatHoldsNoContent()
    {
        var (envelope, keys) = Envelope();
        var audit = new RecordingTrail();

        var result = await Decryption(audit, keys, new Decisions(allow: true)).DecryptAsync(Caller(), Request(envelope), CancellationToken.None);

        Assert.Equal(Document, Convert.FromBase64String(result.Value!.Content));
        var recorded = Assert.Single(audit.Events);
        Assert.Equal(AuditOutcome.Success, recorded.Outcome);
        Assert.Equal("finance", recorded.Details["department"]);
        Assert.Equal(keys.Held.SerialNumber, recorded.Target);
        Assert.DoesNotContain(recorded.Details.Values, v => v.Contains(Convert.ToBase64String(Document), StringComparison.Ordinal));
        Assert.True(keys.Held.Opened.All(b => b == 0), "The PKCS#8 key handed out must be cleared after use.");
    }

    [Fact]
    public async Task DecryptAsync_AuditTrailUnavailable_ReturnsNoContent()
    {
        var (envelope, keys) = Envelope();

        await Assert.ThrowsAsync<AuditUnavailableException>(() =>
            Decryption(new FailingTrail(), keys, new Decisions(allow: true)).DecryptAsync(Caller(), Request(envelope), CancellationToken.None));
    }

    [Fact]
    public async Task DecryptAsync_Denied_IsDecryptionDenied_AuditedOnceAsDenied_AndTheKeyStaysSealed()
    {
        var (envelope, keys) = Envelope();
        var audit = new RecordingTrail();

        var result = await Decryption(audit, keys, new Decisions(allow: false)).DecryptAsync(Caller(), Request(envelope), CancellationToken.None);

        Assert.Same(ProblemCodes.DecryptionDenied, result.Code);
        Assert.Equal(AuditOutcome.Denied, Assert.Single(audit.Events).Outcome);
        Assert.Empty(keys.Held.Opened);
    }

    [Fact]
    public async Task DecryptAsync_NoDecisionPoint_IsDecryptionUnavailable_AndAudited()
    {
        var (envelope, keys) = Envelope();
        var audit = new RecordingTrail();

        var result = await Decryption(audit, keys, null).DecryptAsync(Caller(), Request(envelope), CancellationToken.None);

        Assert.Same(ProblemCodes.DecryptionUnavailable, result.Code);
        Assert.Equal("decryption-unavailable", Assert.Single(audit.Events).Details["code"]);
    }

    [Fact]
    public async Task DecryptAsync_NotBase64_IsEnvelopedInvalid_AndAuditedAsFailure()
    {
        var audit = new RecordingTrail();

        var result = await Decryption(audit, null, null).DecryptAsync(Caller(), new DecryptRequest("***"), CancellationToken.None);

        Assert.Same(ProblemCodes.EnvelopedInvalid, result.Code);
        Assert.Equal(AuditOutcome.Failure, Assert.Single(audit.Events).Outcome);
    }

    private static EnvelopeDecryption Decryption(IAuditTrail audit, IHeldDecryptionKeys? keys, IAuthorizationDecisionPoint? decisions) =>
        new(Options.Create(new SignaturesOptions()), audit, keys, decisions);

    private static DecryptionCaller Caller() => new(new CallerPrincipal(new CertificatePrincipal("1a2b"), "certificate:1a2b"),
        new AuditEvent { Module = EnvelopeEvents.Module, Action = EnvelopeEvents.Decrypt, Outcome = AuditOutcome.Failure });

    private static DecryptRequest Request(byte[] envelope) => new(Convert.ToBase64String(envelope));

    /// <summary>An envelope to a fresh RSA certificate, and a held-key source that holds its key.</summary>
    private static (byte[] Envelope, HeldKeys Keys) Envelope()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Finance encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var structure = X509CertificateStructure.GetInstance(certificate.RawData);
        var held = new Held(structure.SerialNumber.Value.ToString(16), rsa.ExportPkcs8PrivateKey());
        return (CmsEnvelopeWriter.Seal(Document, CmsRecipient.Of(structure)), new HeldKeys(held, structure));
    }

    private sealed class Held(string serial, byte[] pkcs8) : HeldDecryptionKey(serial, "finance")
    {
        public byte[] Opened { get; private set; } = [];

        public override byte[] OpenPrivateKey() => Opened = (byte[])pkcs8.Clone();
    }

    private sealed class HeldKeys(Held held, X509CertificateStructure certificate) : IHeldDecryptionKeys
    {
        public Held Held => held;

        public Task<HeldDecryptionKey?> FindAsync(CmsRecipientIdentifier recipient, CancellationToken cancellationToken = default) =>
            Task.FromResult<HeldDecryptionKey?>(recipient.SerialNumber == held.SerialNumber && recipient.Issuer!.Equivalent(certificate.Issuer) ? held : null);
    }

    private sealed class Decisions(bool allow) : IAuthorizationDecisionPoint
    {
        public long? InputsVersion => null;

        public Task<AuthorizationDecision> DecideAsync(AuthorizationQuestion question, CancellationToken cancellationToken)
        {
            Assert.Equal(("decrypt", "Department", "finance"), (question.Action, question.ResourceType, question.ResourceId));
            return Task.FromResult(new AuthorizationDecision(allow, allow ? ["decryption-officers-decrypt"] : [], []));
        }
    }

    private sealed class RecordingTrail : IAuditTrail
    {
        public List<AuditEvent> Events { get; } = [];

        public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            Events.Add(auditEvent);
            return Task.CompletedTask;
        }
    }

    private sealed class FailingTrail : IAuditTrail
    {
        public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
            throw new AuditUnavailableException("The trail is down.");
    }
}
