using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Platform.Keys.Pkcs11;

/// <summary>
/// A loaded PKCS#11 library, shared by every store in the process that names the same file.
/// PKCS#11 allows one <c>C_Initialize</c> per process and <c>C_Finalize</c> ends every session
/// of every user of the library, so the library is loaded once and finalized only when the last
/// store using it is disposed.
/// </summary>
internal sealed class Pkcs11Module : IDisposable
{
    private static readonly Dictionary<string, Pkcs11Module> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private readonly string path;
    private int references;

    private Pkcs11Module(string path, IPkcs11Library library)
    {
        this.path = path;
        Library = library;
    }

    /// <summary>The factories every Pkcs11Interop object is made with.</summary>
    public static Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>The loaded library.</summary>
    public IPkcs11Library Library { get; }

    /// <summary>Loads <paramref name="path"/> (or shares the instance already loaded); dispose the result to release it.</summary>
    public static Pkcs11Module Acquire(string path)
    {
        NativeLibraryResolver.EnsureInstalled();
        var fullPath = Path.GetFullPath(path);
        lock (Gate)
        {
            if (!Loaded.TryGetValue(fullPath, out var module))
            {
                // Multi-threaded: the library uses the operating system's locks, so sessions on many threads are safe.
                module = new Pkcs11Module(fullPath, Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, fullPath, AppType.MultiThreaded));
                Loaded.Add(fullPath, module);
            }

            module.references++;
            return module;
        }
    }

    public void Dispose()
    {
        lock (Gate)
        {
            if (--references > 0)
            {
                return;
            }

            // Finalized under the lock, so a store connecting meanwhile waits and then loads afresh
            // instead of initializing the library while it is being finalized.
            Loaded.Remove(path);
            Library.Dispose();
        }
    }
}
