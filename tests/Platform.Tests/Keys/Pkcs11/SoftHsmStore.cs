using Microsoft.Extensions.Logging.Abstractions;
using Platform.Keys.Pkcs11;
using TestSupport;

namespace Platform.Tests.Keys.Pkcs11;

/// <summary>Stores on tokens of the test process's SoftHSM2; every test takes a token of its own.</summary>
internal static class SoftHsmStore
{
    public static Pkcs11Settings Settings(string tokenLabel, int? maxSessions = null) => new()
    {
        Library = SoftHsm.Library,
        TokenLabel = tokenLabel,
        Pin = SoftHsm.UserPin,
        MaxSessions = maxSessions,
    };

    /// <summary>A new token and a store on it.</summary>
    public static (SoftHsm Hsm, string Token, Pkcs11KeyStore Store) New(int? maxSessions = null)
    {
        var hsm = SoftHsm.Require();
        var token = hsm.TakeToken();
        return (hsm, token, Connect(token, maxSessions));
    }

    public static Pkcs11KeyStore Connect(string tokenLabel, int? maxSessions = null) =>
        Pkcs11KeyStore.Connect(Settings(tokenLabel, maxSessions), NullLogger.Instance);
}
