namespace Identity.People.Storage;

/// <summary>How binding a certificate to a person ended.</summary>
public enum CertificateBinding
{
    /// <summary>The certificate is now bound to the person.</summary>
    Bound,

    /// <summary>It was bound to the same person already; nothing changed.</summary>
    AlreadyBound,

    /// <summary>It is bound to another person; nothing changed.</summary>
    BoundElsewhere,

    /// <summary>There is no such person.</summary>
    PersonUnknown,
}
