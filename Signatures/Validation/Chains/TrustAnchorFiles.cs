using Org.BouncyCastle.X509;

namespace Signatures.Validation.Chains;

/// <summary>Reads the PEM trust-anchor files of <see cref="SignaturesOptions.TrustAnchors"/>.</summary>
internal static class TrustAnchorFiles
{
    /// <summary>The certificates in <paramref name="path"/>; throws <see cref="InvalidOperationException"/> naming the file when it is missing or holds none.</summary>
    public static IReadOnlyList<X509Certificate> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidOperationException($"Signatures:TrustAnchors names '{path}', which cannot be read: {e.Message}", e);
        }

        var certificates = new List<X509Certificate>();
        try
        {
            var rest = text.AsSpan();
            while (System.Security.Cryptography.PemEncoding.TryFind(rest, out var pem))
            {
                if (rest[pem.Label].SequenceEqual("CERTIFICATE"))
                {
                    certificates.Add(new X509Certificate(Convert.FromBase64String(rest[pem.Base64Data].ToString())));
                }

                rest = rest[pem.Location.End..];
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or InvalidCastException
            or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            throw new InvalidOperationException($"Signatures:TrustAnchors names '{path}', which holds a PEM block that is not a certificate.", e);
        }

        return certificates.Count > 0 ? certificates
            : throw new InvalidOperationException($"Signatures:TrustAnchors names '{path}', which holds no PEM certificate.");
    }
}
