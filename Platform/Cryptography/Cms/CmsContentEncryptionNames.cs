namespace Platform.Cryptography.Cms;

/// <summary>The names by which APIs and configuration say <see cref="CmsContentEncryption"/>.</summary>
public static class CmsContentEncryptionNames
{
    /// <summary>Every name, in the order of <see cref="CmsContentEncryption"/>.</summary>
    public static IReadOnlyList<string> All { get; } = ["aes-256-gcm", "aes-256-cbc", "sm4-cbc"];

    /// <summary>The name of <paramref name="encryption"/>, e.g. <c>aes-256-gcm</c>.</summary>
    public static string Name(this CmsContentEncryption encryption) => All[(int)encryption];

    /// <summary>The encryption named <paramref name="name"/> (case-insensitive); false for any other name.</summary>
    public static bool TryParse(string? name, out CmsContentEncryption encryption)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.OrdinalIgnoreCase))
            {
                encryption = (CmsContentEncryption)i;
                return true;
            }
        }

        encryption = default;
        return false;
    }
}
