namespace Pki.Tsa.Protocol;

/// <summary>
/// A TimeStampReq (RFC 3161 §2.4.1) as read, before any of its values is judged. The byte
/// fields are slices of the request body.
/// </summary>
/// <param name="IsVersion1">Whether the version INTEGER is exactly 1; any other value, of any size, is kept as false.</param>
/// <param name="MessageImprint">The MessageImprint's DER encoding, echoed unchanged into the token.</param>
/// <param name="HashAlgorithm">The imprint's hash algorithm OID.</param>
/// <param name="HashedMessage">The imprint's digest.</param>
/// <param name="Policy">reqPolicy, when present.</param>
/// <param name="Nonce">The nonce INTEGER's content octets (minimal two's complement), when present.</param>
/// <param name="CertReq">Whether the TSA certificate is asked for.</param>
/// <param name="ExtensionOids">The OIDs of the request extensions, in order.</param>
internal sealed record TimeStampQuery(
    bool IsVersion1,
    ReadOnlyMemory<byte> MessageImprint,
    string HashAlgorithm,
    ReadOnlyMemory<byte> HashedMessage,
    string? Policy,
    ReadOnlyMemory<byte>? Nonce,
    bool CertReq,
    IReadOnlyList<string> ExtensionOids);
