namespace Pki.Ca.Hierarchy;

/// <summary>A CA as configuration describes it, before it is loaded or created.</summary>
/// <param name="Name">Its name, unique across every hierarchy.</param>
/// <param name="Subject">Its subject, used when it is created.</param>
/// <param name="ValidityDays">Its validity, used when it is created.</param>
internal sealed record PlannedCa(string Name, string Subject, int ValidityDays);
