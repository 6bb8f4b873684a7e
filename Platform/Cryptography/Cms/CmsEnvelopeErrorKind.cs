namespace Platform.Cryptography.Cms;

/// <summary>Why a CMS envelope could not be read or opened.</summary>
public enum CmsEnvelopeErrorKind
{
    /// <summary>Not a DER ContentInfo holding EnvelopedData or AuthEnvelopedData, or cut short.</summary>
    Malformed,

    /// <summary>A content-encryption or key-management algorithm the platform does not open.</summary>
    AlgorithmUnsupported,

    /// <summary>The key given does not open it: another recipient's key, or a content altered (a GCM tag, a CBC padding that fails).</summary>
    Undecryptable,
}
