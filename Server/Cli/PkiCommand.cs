using Microsoft.Extensions.DependencyInjection;
using Pki.Ca.Administrator;
using Platform.Hosting;
using Server.Hosting;

namespace Server.Cli;

/// <summary>
/// <c>pki renew-admin [--Platform:… options]</c>: issues a new administrator certificate through
/// the CA's normal, audited issuance, with the same configuration as the server (so the same data
/// directory or PostgreSQL database). It opens the audit log and the CA as the server does, so
/// the server must be stopped while it runs.
/// </summary>
internal static class PkiCommand
{
    public const string Summary = "CA: 'pki renew-admin' issues a new administrator certificate; 'pki root create', 'pki ca sign', 'pki crl sign', "
        + "'pki ca request', 'pki ca install', 'pki crl import', 'pki ca rollover' are key ceremony steps (server stopped).";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.FirstOrDefault() is "root" or "ca" or "crl")
        {
            return await PkiCeremonyCommand.RunAsync(args);
        }

        if (args.FirstOrDefault() != "renew-admin" || args.Skip(1).Any(a => a.StartsWith("--", StringComparison.Ordinal) && !a.Contains(':', StringComparison.Ordinal)))
        {
            await Console.Error.WriteLineAsync("Usage: pki renew-admin [--Platform:DataDirectory DIR] [--Platform:Storage:Provider PostgreSql --Platform:Storage:ConnectionString CS]\n" +
                "  Run it with the server stopped, with the configuration the server uses.");
            return 2;
        }

        try
        {
            await using var app = PlatformHost.Build(args[1..]);
            // Only what issuance needs: the audit log (10) and the CA hierarchy (100); the server's
            // own certificates are left for its next start.
            foreach (var task in app.Services.GetServices<IStartupTask>().Where(t => t.Order <= 100).OrderBy(t => t.Order))
            {
                await task.RunAsync(CancellationToken.None);
            }

            var result = await app.Services.GetRequiredService<IAdministratorRenewal>().RenewAsync();
            Console.WriteLine($"Issued administrator certificate {result.SerialNumber}, valid until {result.NotAfter:u}:");
            Console.WriteLine($"  {result.CertificateFile}");
            Console.WriteLine($"  {result.KeyFile} (private key, mode 0600)");
            if (result.PreviousCertificateFile is not null)
            {
                Console.WriteLine($"The previous certificate {result.PreviousSerialNumber} was moved to {result.PreviousCertificateFile} (and its key beside it);");
                Console.WriteLine($"it stays valid until it expires; revoke it once the new one works: POST /pki/certificates/{result.PreviousSerialNumber}/revoke {{\"reason\": \"superseded\"}}.");
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.Data.Common.DbException or UnauthorizedAccessException
            or Platform.Auditing.AuditUnavailableException)
        {
            await Console.Error.WriteLineAsync($"The administrator certificate was not renewed: {e.Message}");
            return 1;
        }
    }
}
