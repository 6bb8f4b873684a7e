using System.Globalization;
using System.Text;

namespace Audit.Events;

/// <summary>
/// Encodes an <see cref="AuditRecord"/> as the bytes the log hashes: RFC 8785 canonical JSON in
/// UTF-8, so anyone holding the event can recompute its leaf hash. The layout is specified in
/// <c>docs/audit-canonical-encoding.md</c>; changing it is a format change and needs a new
/// <c>v</c> value.
/// </summary>
public static class AuditRecordEncoder
{
    /// <summary>The format version written as member <c>v</c>.</summary>
    public const long FormatVersion = 1;

    /// <summary>The largest encoded record, in bytes.</summary>
    public const int MaxEncodedSize = 64 * 1024;

    /// <summary>How deeply detail values may nest (the details object itself is depth 1).</summary>
    public const int MaxDetailDepth = 16;

    // Detail names that suggest a secret is about to be written into a permanent, public-proof log.
    private static readonly string[] SecretNames =
        ["password", "passphrase", "secret", "privatekey", "accesstoken", "refreshtoken", "idtoken", "otp", "pin"];

    /// <summary>Returns the canonical bytes of <paramref name="record"/>, or why it has none.</summary>
    public static EncodingResult Encode(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var validation = Validate(record);
        if (validation != EncodingError.None)
        {
            return new EncodingResult(null, validation);
        }

        var actor = new Dictionary<string, object?>();
        AddIfPresent(actor, "subject", record.Actor.Subject);
        AddIfPresent(actor, "serial", record.Actor.Serial);
        AddIfPresent(actor, "clientId", record.Actor.ClientId);
        AddIfPresent(actor, "user", record.Actor.User);

        var details = record.Details.ToDictionary(d => d.Key, d => (object?)d.Value, StringComparer.Ordinal);
        var root = new Dictionary<string, object?>
        {
            ["v"] = FormatVersion,
            ["index"] = record.Index,
            ["time"] = record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["actor"] = actor,
            ["action"] = record.Action,
            ["outcome"] = OutcomeName(record.Outcome),
            ["module"] = record.Module,
            ["details"] = details,
        };
        AddIfPresent(root, "target", record.Target);
        AddIfPresent(root, "sourceAddress", record.SourceAddress);
        AddIfPresent(root, "requestId", record.RequestId);

        // The details object is depth 1, its values depth 2, and so on.
        var writer = new CanonicalJson(MaxDetailDepth + 1);
        var error = writer.Write(root, depth: 0);
        if (error != EncodingError.None)
        {
            return new EncodingResult(null, error);
        }

        var bytes = Encoding.UTF8.GetBytes(writer.ToString());
        return bytes.Length > MaxEncodedSize
            ? new EncodingResult(null, EncodingError.TooLarge)
            : new EncodingResult(bytes, EncodingError.None);
    }

    /// <summary>The wire name of an outcome.</summary>
    public static string OutcomeName(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Success => "success",
        AuditOutcome.Failure => "failure",
        AuditOutcome.Denied => "denied",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    private static EncodingError Validate(AuditRecord record)
    {
        if (record.Index is < 0 or > CanonicalJson.MaxSafeInteger ||
            string.IsNullOrEmpty(record.Action) || string.IsNullOrEmpty(record.Module) ||
            record.Actor is null || record.Details is null || !Enum.IsDefined(record.Outcome))
        {
            return EncodingError.InvalidField;
        }

        if (record.Time.UtcTicks % TimeSpan.TicksPerMillisecond != 0)
        {
            return EncodingError.TimeNotWholeMilliseconds;
        }

        foreach (var name in record.Details.Keys)
        {
            var normalized = name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (SecretNames.Any(s => normalized.Equals(s, StringComparison.OrdinalIgnoreCase)))
            {
                return EncodingError.SecretLikeDetail;
            }
        }

        return EncodingError.None;
    }

    private static void AddIfPresent(Dictionary<string, object?> members, string name, string? value)
    {
        if (value is not null)
        {
            members[name] = value;
        }
    }
}
