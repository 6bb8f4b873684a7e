namespace Platform.Certificates;

/// <summary>What a module needs to sign with: where it remembers its credential, and what to create on first start.</summary>
/// <param name="Setting">The name under which the module's settings keep "key-id serial".</param>
/// <param name="KeyAlgorithm">The configured key algorithm name (used on first start only).</param>
/// <param name="KeyAlgorithmSetting">The configuration key of <paramref name="KeyAlgorithm"/>, for error messages.</param>
/// <param name="KeyLabel">The key store label of a new key.</param>
/// <param name="Profile">The CA profile to certify the key under.</param>
/// <param name="Subject">The certificate subject.</param>
public sealed record ModuleCredentialRequest(string Setting, string KeyAlgorithm, string KeyAlgorithmSetting, string KeyLabel, string Profile, string Subject);
