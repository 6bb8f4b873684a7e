namespace Identity.Clients;

/// <summary>
/// The certificate name a <c>tls_client_auth</c> application authenticates with (RFC 8705 §2.1.2):
/// its kind is the RFC's metadata name (<c>tls_client_auth_subject_dn</c>, <c>tls_client_auth_san_dns</c>, …),
/// which is also the application property that holds <paramref name="Value"/>.
/// </summary>
/// <param name="Kind">One of <see cref="ClientCertificateNames.Kinds"/>.</param>
/// <param name="Value">The expected subject distinguished name, or the alternative name.</param>
public sealed record ClientCertificateName(string Kind, string Value);
