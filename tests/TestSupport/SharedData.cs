namespace TestSupport;

/// <summary>
/// Finds the shared test data (<c>shared/testdata</c>) that sits beside the repository: the
/// first ancestor of the test binaries that has a <c>shared/testdata</c> child.
/// </summary>
public static class SharedData
{
    public static string Root { get; } = Find();

    public static string PathTo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "testdata");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No shared/testdata folder above " + AppContext.BaseDirectory);
    }
}
