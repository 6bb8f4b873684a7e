namespace Signatures.Cades;

/// <summary>A finished CAdES signature.</summary>
/// <param name="Signer">Who signed.</param>
/// <param name="Encoded">The DER ContentInfo of the SignedData.</param>
/// <param name="Level">The level it has.</param>
/// <param name="SigningTime">The signingTime it states.</param>
/// <param name="TimeStampSerial">The signature time-stamp's serial number (B-T and up), lowercase hex.</param>
/// <param name="ArchiveTimeStampSerial">The archive time-stamp's serial number (B-LTA), lowercase hex.</param>
internal sealed record CadesSignature(SignerCredential Signer, byte[] Encoded, CadesLevel Level, DateTimeOffset SigningTime, string? TimeStampSerial, string? ArchiveTimeStampSerial);
