namespace Pki.Ca.Registration;

/// <summary>
/// The registration policy the CA ships (<see cref="Platform.Authorization.DefaultPolicies"/>): a
/// department's people may request certificates for it; its registration officers (role
/// <c>registration-officer</c>) review its requests. Administrators edit it with the rest of the
/// platform's policies.
/// </summary>
internal static class RegistrationPolicy
{
    public const string Default = """
        @id("registration-department-members-request")
        permit(principal, action == Action::"requestCertificate", resource is Department)
        when { principal in resource };

        @id("registration-officers-review")
        permit(principal in Role::"registration-officer", action == Action::"reviewCertificateRequest", resource is Department)
        when { principal in resource };
        """;
}
