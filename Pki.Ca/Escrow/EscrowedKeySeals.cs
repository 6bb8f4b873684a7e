using Platform.Keys;

namespace Pki.Ca.Escrow;

/// <summary>
/// The escrowed encryption keys as a store <c>keys rewrap</c> re-seals: without it a new
/// key-encryption key would leave every escrowed key sealed under the old one, unrecoverable.
/// </summary>
internal sealed class EscrowedKeySeals(IKeyEscrowStore store) : ISealedSecretStore
{
    public string Name => "CA escrowed encryption keys";

    public Task CheckAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken) =>
        store.CheckSealsAsync(current, next, cancellationToken);

    public Task<int> ResealAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken) =>
        store.ResealAsync(current, next, cancellationToken);
}
