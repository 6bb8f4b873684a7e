using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Pki.Tsa.Protocol;
using Pki.Tsa.Verification;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Server.Cli;

/// <summary>
/// <c>tsa verify --token T.tsr (--data FILE | --digest HEX) [--ca ROOT.pem | --data-dir DIR]</c> checks a token;
/// <c>tsa stamp FILE --url URL [--hash sha256] [--out FILE.tsr]</c> obtains one from a running server.
/// </summary>
internal static class TsaCommand
{
    public const string Summary = "Time-stamps: 'tsa stamp FILE --url URL', 'tsa verify --token T.tsr --data FILE --ca root-ca.pem'.";

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = new CommandArguments(args.Skip(1));
        return args.FirstOrDefault() switch
        {
            "verify" => await VerifyAsync(arguments),
            "stamp" => await StampAsync(arguments),
            _ => Usage(),
        };
    }

    private static async Task<int> VerifyAsync(CommandArguments arguments)
    {
        var token = arguments["token"];
        var root = arguments["ca"] ?? (arguments["data-dir"] is { } dir ? Path.Combine(dir, "root-ca.pem") : null);
        if (token is null || root is null || (arguments["data"] is null && arguments["digest"] is null))
        {
            return Usage();
        }

        byte[]? digest = null;
        if (arguments["digest"] is { } hex)
        {
            try
            {
                digest = Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                await Console.Error.WriteLineAsync("--digest must be hexadecimal.");
                return 2;
            }
        }

        var rootCertificate = X509CertificateLoaderPem(await File.ReadAllTextAsync(root));
        var data = arguments["data"] is { } file ? await File.ReadAllBytesAsync(file) : null;
        var verification = TokenVerifier.Verify(await File.ReadAllBytesAsync(token), rootCertificate, data, digest);
        foreach (var line in verification.Report)
        {
            Console.WriteLine(line);
        }

        return verification.Valid ? 0 : 1;
    }

    private static async Task<int> StampAsync(CommandArguments arguments)
    {
        if (arguments.Positional.Count != 1 || arguments["url"] is not { } url)
        {
            return Usage();
        }

        var algorithm = ImprintAlgorithms.ByName(arguments["hash"] ?? "sha256");
        if (algorithm is null)
        {
            await Console.Error.WriteLineAsync("--hash must be one of sha256, sha384, sha512, sha3-256, sha3-512, sm3.");
            return 2;
        }

        var file = arguments.Positional[0];
        var digest = DigestUtilities.CalculateDigest(algorithm, await File.ReadAllBytesAsync(file));
        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        var request = generator.Generate(algorithm, digest, new BigInteger(1, RandomNumberGenerator.GetBytes(8)));
        using var client = new HttpClient();
        using var content = new ByteArrayContent(request.GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var answer = await client.PostAsync(new Uri(new Uri(url), "/tsa"), content);
        var response = new TimeStampResponse(await answer.Content.ReadAsByteArrayAsync());
        response.Validate(request);
        if (response.TimeStampToken is null)
        {
            await Console.Error.WriteLineAsync($"Refused: {response.GetStatusString()} (failure info {response.GetFailInfo()?.IntValue})");
            return 1;
        }

        var output = arguments["out"] ?? file + ".tsr";
        await File.WriteAllBytesAsync(output, response.GetEncoded());
        var info = response.TimeStampToken.TimeStampInfo;
        Console.WriteLine($"Wrote {output}: serial {info.SerialNumber.ToString(16)}, genTime {info.GenTime:yyyy-MM-dd HH:mm:ss.fff} UTC");
        return 0;
    }

    private static byte[] X509CertificateLoaderPem(string pem) =>
        PemEncoding.TryFind(pem, out var fields) ? Convert.FromBase64String(pem[fields.Base64Data]) : throw new InvalidDataException("Not a PEM certificate.");

    private static int Usage()
    {
        Console.Error.WriteLine("Usage: tsa stamp FILE --url URL [--hash sha256] [--out FILE.tsr]");
        Console.Error.WriteLine("       tsa verify --token T.tsr (--data FILE | --digest HEX) (--ca ROOT.pem | --data-dir DIR)");
        return 2;
    }
}
