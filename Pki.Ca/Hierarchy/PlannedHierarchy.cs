using Platform.Cryptography;

namespace Pki.Ca.Hierarchy;

/// <summary>A hierarchy as configuration describes it: one root, its issuing CAs, one algorithm.</summary>
/// <param name="Name">The hierarchy's name (<c>default</c> for <c>Pki:Hierarchy</c>).</param>
/// <param name="Setting">The configuration key its algorithm comes from, for messages.</param>
/// <param name="Algorithm">The key algorithm of CAs it creates.</param>
/// <param name="Root">Its root CA.</param>
/// <param name="Issuing">Its issuing CAs; the first issues when a profile or request names none of them.</param>
internal sealed record PlannedHierarchy(string Name, string Setting, KeyAlgorithm Algorithm, PlannedCa Root, IReadOnlyList<PlannedCa> Issuing);
