namespace Platform.Cryptography;

/// <summary>
/// What a SubjectPublicKeyInfo holds: the platform's <see cref="KeyAlgorithm"/> when it is one
/// we support, and a readable description either way (for error messages such as "RSA-1024").
/// </summary>
/// <param name="Algorithm">The supported key type, or null.</param>
/// <param name="Description">A readable name of the key, e.g. <c>RSA-1024</c> or <c>EC secp521r1</c>.</param>
public sealed record PublicKeyDescription(KeyAlgorithm? Algorithm, string Description);
