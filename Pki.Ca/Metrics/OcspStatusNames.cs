namespace Pki.Ca.Metrics;

/// <summary>The tag values of <see cref="OcspStatus"/>: constant strings, so counting allocates nothing.</summary>
internal static class OcspStatusNames
{
    public static string Of(OcspStatus status) => status switch
    {
        OcspStatus.Good => "good",
        OcspStatus.Revoked => "revoked",
        OcspStatus.Unknown => "unknown",
        _ => "error",
    };
}
