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
}
