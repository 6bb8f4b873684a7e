using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Hosting;

namespace Pki.Tsa.Clock;

/// <summary>Compares the clock once before the TSA serves, then at a fixed interval.</summary>
internal sealed class ClockSchedule(ClockMonitor monitor, IOptions<TsaOptions> options, TimeProvider time) : BackgroundService, IStartupTask
{
    public int Order => 131;

    public Task RunAsync(CancellationToken cancellationToken) => monitor.CheckAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Clock.CheckIntervalSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await monitor.CheckAsync(stoppingToken);
        }
    }
}
