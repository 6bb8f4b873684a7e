using Platform.Cryptography;
using System.Security.Cryptography;
using System.Text;
using TestSupport;

namespace Platform.Tests.Keys.Pkcs11;

/// <summary>The PKCS#11 key store against a real SoftHSM2 token.</summary>
public sealed class Pkcs11KeyStoreTests
{
    private static readonly byte[] Message = "a certificate's to-be-signed bytes"u8.ToArray();

    /// <summary>Every key type SoftHSM2 can generate and sign with (SM2 it cannot; see below).</summary>
    public static TheoryData<KeyAlgorithm> TokenAlgorithms() =>
        [KeyAlgorithm.EcdsaP256, KeyAlgorithm.EcdsaP384, KeyAlgorithm.Rsa2048, KeyAlgorithm.Ed25519];

    [Theory]
    [MemberData(nameof(TokenAlgorithms))]
    public void Create_KeyOfTheToken_SignsWhatItsPublicKeyVerifies(KeyAlgorithm algorithm)
    {
        var (_, _, store) = SoftHsmStore.New();
        using var owned = store;

        var key = store.Create(algorithm, "ca-root");
        var signature = key.Sign(Message);

        Assert.Equal(algorithm, key.Algorithm);
        Assert.Equal(algorithm.DefaultScheme(), key.Scheme);
        Assert.StartsWith("ca-root-", key.Id, StringComparison.Ordinal);
        Assert.True(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, key.Scheme, Message, signature));
        Assert.False(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, key.Scheme, "another message"u8, signature));
    }

    [Fact]
    public void Create_EcdsaP256_SignatureIsDerAndVerifiesWithDotNet()
    {
        var (_, _, store) = SoftHsmStore.New();
        using var owned = store;
        var key = store.Create(KeyAlgorithm.EcdsaP256, "ocsp");

        var signature = key.Sign(Message);

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo.Span, out _);
        Assert.Equal(0x30, signature[0]);
        Assert.True(ecdsa.VerifyData(Message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256, "-sha256")]
    [InlineData(KeyAlgorithm.EcdsaP384, "-sha384")]
    [InlineData(KeyAlgorithm.Rsa2048, "-sha256")]
    public async Task Sign_SignatureOfTheToken_VerifiesWithOpenssl(KeyAlgorithm algorithm, string digest)
    {
        var openssl = ExternalTool.Require("openssl");
        var (_, _, store) = SoftHsmStore.New();
        using var owned = store;
        using var directory = new TemporaryDirectory();
        var key = store.Create(algorithm, "tsa");
        File.WriteAllText(directory.File("public.pem"), PemEncoding.WriteString("PUBLIC KEY", key.SubjectPublicKeyInfo.Span));
        File.WriteAllBytes(directory.File("message"), Message);
        File.WriteAllBytes(directory.File("signature"), key.Sign(Message));

        var result = await ExternalTool.RunAsync(openssl,
            ["dgst", digest, "-verify", "public.pem", "-signature", "signature", "message"], directory.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Verified OK", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_Ed25519SignatureOfTheToken_VerifiesWithOpenssl()
    {
        var openssl = ExternalTool.Require("openssl");
        var (_, _, store) = SoftHsmStore.New();
        using var owned = store;
        using var directory = new TemporaryDirectory();
        var key = store.Create(KeyAlgorithm.Ed25519, "audit-checkpoint");
        File.WriteAllText(directory.File("public.pem"), PemEncoding.WriteString("PUBLIC KEY", key.SubjectPublicKeyInfo.Span));
        File.WriteAllBytes(directory.File("message"), Message);
        File.WriteAllBytes(directory.File("signature"), key.Sign(Message));

        var result = await ExternalTool.RunAsync(openssl,
            ["pkeyutl", "-verify", "-pubin", "-inkey", "public.pem", "-rawin", "-in", "message", "-sigfile", "signature"], directory.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Create_PrivateKeyObject_IsSensitivePrivateAndNeverExtractable_AsPkcs11ToolLists()
    {
        var (hsm, token, store) = SoftHsmStore.New();
        using var owned = store;
        var key = store.Create(KeyAlgorithm.EcdsaP256, "ca-issuing");

        var loggedIn = await hsm.Pkcs11ToolAsync("--token-label", token, "--list-objects", "--login", "--pin", SoftHsm.UserPin);
        var anonymous = await hsm.Pkcs11ToolAsync("--token-label", token, "--list-objects");

        Assert.True(loggedIn.ExitCode == 0, loggedIn.ToString());
        var privateKey = ObjectBlock(loggedIn.Output, "Private Key Object", key.Id);
        Assert.Contains("ID:         " + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(key.Id)), privateKey, StringComparison.Ordinal);
        var access = AccessFlags(privateKey);
        Assert.Contains("sensitive", access);
        Assert.Contains("always sensitive", access);
        Assert.Contains("never extractable", access);
        Assert.DoesNotContain("extractable", access);
        // CKA_PRIVATE: without the PIN the private key is not even listed; its public key is.
        Assert.DoesNotContain("Private Key Object", anonymous.Output, StringComparison.Ordinal);
        Assert.Contains("label:      " + key.Id, ObjectBlock(anonymous.Output, "Public Key Object", key.Id), StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_SessionCopiesOfTheKey_StaySensitiveAndNotExtractable()
    {
        var (_, _, store) = SoftHsmStore.New();
        using var owned = store;
        var key = store.Create(KeyAlgorithm.EcdsaP256, "ocsp");
        key.Sign(Message);

        var copies = store.Token.Run("inspect", session =>
        {
            var attributes = Platform.Keys.Pkcs11.Pkcs11Token.Factories.ObjectAttributeFactory;
            return session.FindAllObjects(
                [
                    attributes.Create(Net.Pkcs11Interop.Common.CKA.CKA_TOKEN, false),
                    attributes.Create(Net.Pkcs11Interop.Common.CKA.CKA_ID, Encoding.UTF8.GetBytes(key.Id)),
                ])
                .Select(handle => session.GetAttributeValue(handle,
                    [Net.Pkcs11Interop.Common.CKA.CKA_SENSITIVE, Net.Pkcs11Interop.Common.CKA.CKA_EXTRACTABLE, Net.Pkcs11Interop.Common.CKA.CKA_PRIVATE]))
                .Select(values => (Sensitive: values[0].GetValueAsBool(), Extractable: values[1].GetValueAsBool(), Private: values[2].GetValueAsBool()))
                .ToList();
        });

        Assert.NotEmpty(copies);
        Assert.All(copies, copy => Assert.Equal((true, false, true), copy));
    }

    [Fact]
    public void Open_InANewStoreInstance_FindsTheKeyByItsId()
    {
        var (_, token, first) = SoftHsmStore.New();
        ISigningKey created;
        using (first)
        {
            created = first.Create(KeyAlgorithm.EcdsaP256, "ca-root");
        }

        using var second = SoftHsmStore.Connect(token);
        var opened = second.Open(created.Id);

        Assert.Equal(created.Id, opened.Id);
        Assert.Equal(KeyAlgorithm.EcdsaP256, opened.Algorithm);
        Assert.Equal(created.SubjectPublicKeyInfo.ToArray(), opened.SubjectPublicKeyInfo.ToArray());
        Assert.True(SignatureVerifier.Verify(created.SubjectPublicKeyInfo.Span, opened.Scheme, Message, opened.Sign(Message)));
    }

    [Theory]
    [InlineData(KeyAlgorithm.Rsa2048)]
    [InlineData(KeyAlgorithm.EcdsaP384)]
    [InlineData(KeyAlgorithm.Ed25519)]
    public void Open_KeyOfEachType_RecognisesItsAlgorithm(KeyAlgorithm algorithm)
    {
        var (_, token, first) = SoftHsmStore.New();
        using var owned = first;
        var created = first.Create(algorithm, "key");
        using var second = SoftHsmStore.Connect(token);

        var opened = second.Open(created.Id);

        Assert.Equal(algorithm, opened.Algorithm);
        Assert.Equal(created.SubjectPublicKeyInfo.ToArray(), opened.SubjectPublicKeyInfo.ToArray());
    }

    [Fact]
    public void Open_UnknownId_ThrowsKeyNotFoundNamingTheToken()
    {
        var (_, token, store) = SoftHsmStore.New();
        using var owned = store;

        var error = Assert.Throws<KeyNotFoundException>(() => store.Open("ca-root-0000000000000000"));

        Assert.Contains(token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Sm2_ThrowsNotSupportedNamingTheAlgorithmAndTheProvider()
    {
        var (_, _, store) = SoftHsmStore.New();
        using var owned = store;

        var error = Assert.Throws<NotSupportedException>(() => store.Create(KeyAlgorithm.Sm2, "ca-root"));

        Assert.Contains("SM2", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pkcs11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_FromManyThreadsAtOnce_EverySignatureVerifies()
    {
        // More threads than sessions: operations queue for a session rather than share one.
        var (_, _, store) = SoftHsmStore.New(maxSessions: 4);
        using var owned = store;
        var key = store.Create(KeyAlgorithm.EcdsaP256, "ocsp");
        var failures = 0;
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 25; i++)
            {
                var message = Encoding.UTF8.GetBytes($"thread {thread} message {i}");
                try
                {
                    if (!SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, key.Scheme, message, key.Sign(message)))
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (Platform.Keys.KeyStoreUnavailableException e)
                {
                    errors.Add(e.Message);
                }
            }
        })));

        Assert.Empty(errors);
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Sign_AfterTheTokenClosedEverySession_ThrowsKeyStoreUnavailableThenRecovers()
    {
        var (_, _, store) = SoftHsmStore.New();
        using var owned = store;
        var key = store.Create(KeyAlgorithm.EcdsaP256, "ca-issuing");
        key.Sign(Message);

        // What a token reset or a removal does to this process: its sessions, and so its login, are gone.
        store.Token.CloseAllSessions();

        var error = Assert.Throws<Platform.Keys.KeyStoreUnavailableException>(() => key.Sign(Message));
        Assert.Contains(store.Token.Label, error.Message, StringComparison.Ordinal);
        Assert.True(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, key.Scheme, Message, key.Sign(Message)));
    }

    /// <summary>The object of <paramref name="kind"/> labelled <paramref name="label"/>: pkcs11-tool starts each object unindented, its attributes indented.</summary>
    private static string ObjectBlock(string listing, string kind, string label) =>
        System.Text.RegularExpressions.Regex.Split(listing, @"(?m)^(?=\S)")
            .SingleOrDefault(b => b.StartsWith(kind, StringComparison.Ordinal) && b.Contains("label:      " + label + "\n", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No {kind} labelled {label} in:\n{listing}");

    private static List<string> AccessFlags(string block)
    {
        var line = block.Split('\n').Single(l => l.TrimStart().StartsWith("Access:", StringComparison.Ordinal));
        return [.. line.Split(':', 2)[1].Split(',').Select(f => f.Trim())];
    }
}
