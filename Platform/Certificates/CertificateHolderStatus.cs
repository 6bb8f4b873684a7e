namespace Platform.Certificates;

/// <summary>A platform certificate's status as a module acting on its holder's privileges needs it.</summary>
public enum CertificateHolderStatus
{
    /// <summary>Not known here: never issued by the platform, or not tracked (see <see cref="ICertificateStatusSource.TrackAsync"/>).</summary>
    Unknown,

    /// <summary>Issued by the platform, within its validity and not revoked.</summary>
    Good,

    /// <summary>Revoked for good.</summary>
    Revoked,

    /// <summary>Suspended (<c>certificateHold</c>); it becomes <see cref="Good"/> again when the hold is lifted.</summary>
    OnHold,

    /// <summary>Past its notAfter.</summary>
    Expired,
}
