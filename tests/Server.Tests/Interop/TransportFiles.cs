namespace Server.Tests.Interop;

/// <summary>The transport hierarchy of a platform: its algorithm and its CA files in the data directory.</summary>
public sealed record TransportFiles(string Algorithm, string RootFile, string IssuingFile);
