namespace Pki.Ca.Administrator;

/// <summary>What a renewal of the administrator certificate did.</summary>
/// <param name="SerialNumber">The new certificate's serial number (lowercase hex).</param>
/// <param name="NotAfter">When the new certificate expires.</param>
/// <param name="CertificateFile">Where the new certificate was written (<c>admin.pem</c>).</param>
/// <param name="KeyFile">Where the new private key was written (<c>admin.key</c>, mode 0600).</param>
/// <param name="PreviousSerialNumber">The serial number of the certificate it replaces, when one was on disk.</param>
/// <param name="PreviousCertificateFile">Where the previous certificate was moved, when one was on disk.</param>
public sealed record AdministratorRenewalResult(
    string SerialNumber, DateTimeOffset NotAfter, string CertificateFile, string KeyFile, string? PreviousSerialNumber, string? PreviousCertificateFile);
