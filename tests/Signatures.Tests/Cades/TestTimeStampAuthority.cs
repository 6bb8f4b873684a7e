using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using Platform.TimeStamping;

namespace Signatures.Tests.Cades;

/// <summary>An RFC 3161 authority made with Bouncy Castle's token generator, certified by the test root; it remembers what it stamped.</summary>
internal sealed class TestTimeStampAuthority : ITimeStampAuthority
{
    private readonly AsymmetricCipherKeyPair key = TestPki.EcKeyPair();
    private long serial;

    public TestTimeStampAuthority(TestPki pki)
    {
        Certificate = pki.TsaCertificate(key.Public, g => g.AddExtension(X509Extensions.ExtendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeID.id_kp_timeStamping)));
    }

    public X509Certificate Certificate { get; }

    /// <summary>The digests stamped, in order.</summary>
    public List<byte[]> Stamped { get; } = [];

    /// <summary>When set, the authority refuses.</summary>
    public bool Refuses { get; set; }

    public Task<TimeStampGrant> StampAsync(ReadOnlyMemory<byte> sha256, CancellationToken cancellationToken = default)
    {
        if (Refuses)
        {
            throw new TimeStampUnavailableException("The clock is not known to be accurate.");
        }

        Stamped.Add(sha256.ToArray());
        var generator = new TimeStampTokenGenerator(key.Private, Certificate, "2.16.840.1.101.3.4.2.1", "1.3.6.1.4.1.99999.1");
        generator.SetCertificates(CollectionUtilities.CreateStore(new[] { Certificate }));
        var requests = new TimeStampRequestGenerator();
        requests.SetCertReq(true);
        var request = requests.Generate(TspAlgorithms.Sha256, sha256.ToArray());
        var number = Interlocked.Increment(ref serial);
        var token = generator.Generate(request, BigInteger.ValueOf(number), DateTime.UtcNow);
        return Task.FromResult(new TimeStampGrant(token.GetEncoded(), number.ToString("x"), DateTimeOffset.UtcNow));
    }
}
