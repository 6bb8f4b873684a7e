namespace Pmi.Authorization.Policies;

/// <summary>Receives candidate policies from <see cref="PolicyIndex"/> without allocating a closure.</summary>
/// <typeparam name="TState">The caller's accumulator.</typeparam>
internal delegate void CandidateVisitor<TState>(Policy policy, ref TState state);
