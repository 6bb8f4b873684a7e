using Audit.Sequencing;
using Microsoft.Extensions.Options;
using Platform.Hosting;

namespace Audit.Publishing;

/// <summary>
/// Opens the log before any module records an event: resumes the tree, loads the checkpoint key
/// and the last checkpoint, and publishes the first checkpoint on an empty log.
/// </summary>
internal sealed class AuditStartup(
    CheckpointPublisher publisher, AuditSequencer sequencer, IOptions<AuditOptions> options, IOptions<PlatformOptions> platform) : IStartupTask
{
    // Before the CA hierarchy (100), whose bootstrap records audit events.
    public int Order => 10;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        options.Value.Validate();
        await publisher.InitializeAsync(options.Value.Origin ?? DefaultOrigin(platform.Value.PublicBaseUrl), cancellationToken);
        sequencer.Start();
        await publisher.PublishAsync(cancellationToken);
    }

    /// <summary>The host and port of the public base URL, then <c>/audit</c>: a schema-less URL as C2SP asks.</summary>
    internal static string DefaultOrigin(string? publicBaseUrl) =>
        Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) ? uri.Authority + "/audit" : "localhost/audit";
}
