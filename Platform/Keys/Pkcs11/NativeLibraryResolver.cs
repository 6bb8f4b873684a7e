using Net.Pkcs11Interop.HighLevelAPI;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Platform.Keys.Pkcs11;

/// <summary>
/// Pkcs11Interop imports <c>dlopen</c> and friends from a library named <c>libdl</c>, which
/// Debian and Ubuntu ship only as <c>libdl.so.2</c> (the unversioned name comes with libc6-dev).
/// Its maintainers advise mapping the name with a <see cref="DllImportResolver"/> on their
/// assembly rather than installing development packages or symlinks; that is done here, once
/// per process, before the first PKCS#11 library is loaded.
/// </summary>
internal static class NativeLibraryResolver
{
    private static readonly Lazy<bool> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Installs the resolver if it is not installed yet.</summary>
    public static void EnsureInstalled() => _ = Installed.Value;

    private static bool Install()
    {
        if (OperatingSystem.IsLinux())
        {
            NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, Resolve);
        }

        return true;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        // Only the name Pkcs11Interop uses for the dynamic loader; everything else resolves as usual.
        if (name == "libdl")
        {
            foreach (var candidate in new[] { "libdl.so.2", "libc.so.6" })
            {
                if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
                {
                    return handle;
                }
            }
        }

        return IntPtr.Zero;
    }
}
