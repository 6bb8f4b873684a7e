using System.Globalization;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>Reads a stored time, whichever type the database driver returns for it.</summary>
internal static class StoredTime
{
    public static DateTimeOffset Read(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidOperationException("Unexpected time value " + value.GetType()),
    };
}
