using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Server.Hosting;

/// <summary>
/// Serilog set-up: readable console lines, or compact JSON when <c>Platform:Logging:Json</c> is
/// true; sinks registered as services (<c>ILogEventSink</c>) receive the events too.
/// </summary>
internal static class Logging
{
    /// <summary>When true, the console sink writes to standard error only.</summary>
    public const string StandardErrorSetting = "Platform:Logging:StandardError";

    public static void Configure(IConfiguration configuration, IServiceProvider services, LoggerConfiguration logging)
    {
        logging.MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            // YARP logs two lines for every request it forwards; the gateway's audit trail records each one.
            .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(services);
        // Commands whose standard output is data (keys list --json) send every log line to standard error.
        LogEventLevel? toStandardError = configuration.GetValue<bool>(StandardErrorSetting) ? LogEventLevel.Verbose : null;
        if (configuration.GetValue<bool>("Platform:Logging:Json"))
        {
            logging.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: toStandardError);
        }
        else
        {
            logging.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: toStandardError);
        }
    }
}
