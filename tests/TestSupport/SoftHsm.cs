using System.Runtime.InteropServices;
using Xunit;

namespace TestSupport;

/// <summary>
/// A SoftHSM2 installation private to this test process: its own configuration file and token
/// directory under the temp folder, so tests never touch the machine's tokens. SoftHSM reads
/// <c>SOFTHSM2_CONF</c> when the library is initialised, through the C library's environment
/// (which <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not change on
/// Linux), so it is set there, once, before any token is used.
/// </summary>
public sealed partial class SoftHsm
{
    /// <summary>Where Debian's softhsm2 package puts the PKCS#11 module.</summary>
    public const string Library = "/usr/lib/softhsm/libsofthsm2.so";

    /// <summary>The user PIN of every token made here.</summary>
    public const string UserPin = "123456";

    /// <summary>
    /// How many tokens a test process gets. SoftHSM lists the tokens of its directory when the
    /// library is initialised and not later, and the library stays initialised while any store
    /// uses it, so every token a process will use is made before the first one is opened.
    /// </summary>
    public const int TokenCount = 40;

    private static readonly Lazy<SoftHsm> Shared = new(() => new SoftHsm(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string softHsmUtil;
    private int taken;

    private SoftHsm()
    {
        softHsmUtil = ExternalTool.Find("softhsm2-util")!;
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sp-softhsm-" + Guid.NewGuid().ToString("n"));
        var tokens = System.IO.Path.Combine(Directory, "tokens");
        System.IO.Directory.CreateDirectory(tokens);
        ConfigurationFile = System.IO.Path.Combine(Directory, "softhsm2.conf");
        File.WriteAllText(ConfigurationFile, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        if (SetEnvironment("SOFTHSM2_CONF", ConfigurationFile, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed.");
        }

        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", ConfigurationFile);
        for (var i = 0; i < TokenCount; i++)
        {
            InitializeToken(TokenLabel(i));
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
    }

    /// <summary>The folder holding the configuration and the token files.</summary>
    public string Directory { get; }

    /// <summary>The <c>softhsm2.conf</c> every tool run here is pointed at.</summary>
    public string ConfigurationFile { get; }

    /// <summary>The process's SoftHSM; skips the test with the reason when SoftHSM2 is not installed.</summary>
    public static SoftHsm Require()
    {
        if (ExternalTool.Find("softhsm2-util") is null || !File.Exists(Library))
        {
            Assert.Skip($"SoftHSM2 is not installed (softhsm2-util, {Library}); CI installs the Debian package softhsm2.");
        }

        return Shared.Value;
    }

    /// <summary>
    /// A token of its own for the calling test, initialised (user PIN <see cref="UserPin"/>) and
    /// never handed out again in this process.
    /// </summary>
    public string TakeToken()
    {
        var index = Interlocked.Increment(ref taken) - 1;
        return index < TokenCount
            ? TokenLabel(index)
            : throw new InvalidOperationException($"All {TokenCount} SoftHSM tokens of this test process are taken; raise SoftHsm.TokenCount.");
    }

    /// <summary>Runs OpenSC's <c>pkcs11-tool</c> on this SoftHSM; skips when it is not installed.</summary>
    public async Task<ToolResult> Pkcs11ToolAsync(params string[] arguments)
    {
        var tool = ExternalTool.Require("pkcs11-tool");
        return await ExternalTool.RunAsync(tool, ["--module", Library, .. arguments], environment: ToolEnvironment());
    }

    /// <summary>The configuration that puts a platform's keys in <paramref name="tokenLabel"/>, as command-line arguments.</summary>
    public static string[] PlatformArguments(string tokenLabel) =>
    [
        "--Platform:KeyStore:Provider", "Pkcs11",
        "--Platform:KeyStore:Pkcs11:Library", Library,
        "--Platform:KeyStore:Pkcs11:TokenLabel", tokenLabel,
        "--Platform:KeyStore:Pkcs11:Pin", UserPin,
    ];

    private static string TokenLabel(int index) => $"sp-test-{index:00}";

    private void InitializeToken(string label)
    {
        var result = ExternalTool.RunAsync(softHsmUtil,
            ["--init-token", "--free", "--label", label, "--pin", UserPin, "--so-pin", "654321"],
            environment: ToolEnvironment()).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("softhsm2-util --init-token failed: " + result);
        }
    }

    private Dictionary<string, string> ToolEnvironment() => new() { ["SOFTHSM2_CONF"] = ConfigurationFile };

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
