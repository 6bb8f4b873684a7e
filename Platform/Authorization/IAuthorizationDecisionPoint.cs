namespace Platform.Authorization;

/// <summary>
/// The platform's decision point as other modules ask it, such as the gateway before it forwards a
/// request: in process when the authorization module is hosted alongside, over its HTTP API when
/// it runs elsewhere. Both decide the same way, against the same active policies and schema.
/// </summary>
public interface IAuthorizationDecisionPoint
{
    /// <summary>Decides <paramref name="question"/>. A question the decision point cannot read is answered as refused, not thrown.</summary>
    Task<AuthorizationDecision> DecideAsync(AuthorizationQuestion question, CancellationToken cancellationToken);

    /// <summary>
    /// A number that moves whenever something a decision may depend on changes, as this node sees
    /// it (policies, schema, attribute certificates, delegations, certificate revocations): an answer
    /// given at one value may be reused for the same question while the value has not moved and its
    /// <see cref="AuthorizationDecision.ValidUntil"/> has not passed. Read it before asking. Null
    /// when this decision point cannot tell (one reached over HTTP): then no answer is reused.
    /// </summary>
    long? InputsVersion { get; }
}
