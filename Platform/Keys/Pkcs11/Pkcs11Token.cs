using Microsoft.Extensions.Logging;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using System.Collections.Concurrent;

namespace Platform.Keys.Pkcs11;

/// <summary>
/// One logged-in token and a bounded pool of its sessions. PKCS#11 keeps the login per
/// application and token, not per session, so one session stays open holding the login while
/// signing sessions are opened on demand, up to the pool's size, and reused. A session is
/// rented for one operation only, which is what lets operations on many threads run in
/// parallel: a session itself is not safe to share between threads.
/// When the token fails (removed, reset, sessions closed) the pool is emptied and the login
/// redone on the next operation, so service resumes by itself once the token is back.
/// </summary>
internal sealed partial class Pkcs11Token : IDisposable
{
    private readonly Pkcs11Module module;
    private readonly string pin;
    private readonly TimeSpan sessionWait;
    private readonly ILogger logger;
    private readonly SemaphoreSlim permits;
    private readonly ConcurrentBag<ISession> idle = [];
    private readonly Lock reconnectGate = new();
    private ISlot slot;
    private ISession loginSession;
    private volatile bool broken;
    private volatile int generation;
    private bool disposed;

    private Pkcs11Token(Pkcs11Module module, string label, string pin, int maxSessions, TimeSpan sessionWait, ILogger logger, ISlot slot, ISession loginSession)
    {
        this.module = module;
        Label = label;
        this.pin = pin;
        this.sessionWait = sessionWait;
        this.logger = logger;
        this.slot = slot;
        this.loginSession = loginSession;
        MaxSessions = maxSessions;
        permits = new SemaphoreSlim(maxSessions, maxSessions);
        Mechanisms = new HashSet<CKM>(slot.GetMechanismList());
    }

    /// <summary>The token's label.</summary>
    public string Label { get; }

    /// <summary>How many operations may run at once.</summary>
    public int MaxSessions { get; }

    /// <summary>The mechanisms the token offers.</summary>
    public IReadOnlySet<CKM> Mechanisms { get; }

    /// <summary>Changes whenever the sessions were re-established, so cached object handles are looked up again.</summary>
    public int Generation => generation;

    /// <summary>The factories to build attributes and mechanisms with.</summary>
    public static Pkcs11InteropFactories Factories => Pkcs11Module.Factories;

    /// <summary>
    /// Finds the token labelled <paramref name="label"/> in <paramref name="module"/> and logs in.
    /// Configuration faults throw <see cref="InvalidOperationException"/> naming the setting;
    /// the module is released on failure.
    /// </summary>
    public static Pkcs11Token Open(Pkcs11Module module, string label, string pin, string pinSource, int maxSessions, TimeSpan sessionWait, ILogger logger)
    {
        ISession? session = null;
        try
        {
            var slot = FindSlot(module, label) ?? throw new InvalidOperationException(
                $"Platform:KeyStore:Pkcs11:TokenLabel '{label}': the PKCS#11 library has no token with this label " +
                $"(tokens present: {Describe(module)}).");
            session = slot.OpenSession(SessionType.ReadWrite);
            try
            {
                session.Login(CKU.CKU_USER, pin);
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE or CKR.CKR_PIN_LOCKED or CKR.CKR_PIN_EXPIRED)
            {
                // The PIN is a secret: name where it came from, never the value.
                throw new InvalidOperationException(
                    $"{pinSource}: the PKCS#11 token '{label}' refused the PIN ({e.RV}).", e);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                // Another store in this process holds the login on this token already.
            }

            return new Pkcs11Token(module, label, pin, maxSessions, sessionWait, logger, slot, session);
        }
        catch
        {
            session?.Dispose();
            module.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on a rented session. A PKCS#11 failure becomes
    /// <see cref="KeyStoreUnavailableException"/>; a failure of the token or its login also
    /// empties the pool so the next operation reconnects.
    /// </summary>
    public T Run<T>(string what, Func<ISession, T> operation)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!permits.Wait(sessionWait))
        {
            throw new KeyStoreUnavailableException(
                $"No PKCS#11 session of token '{Label}' became free within {sessionWait.TotalSeconds:0.#} s ({MaxSessions} in use).");
        }

        ISession? session = null;
        try
        {
            EnsureConnected();
            session = idle.TryTake(out var pooled) ? pooled : slot.OpenSession(SessionType.ReadWrite);
            var result = operation(session);
            idle.Add(session);
            session = null;
            return result;
        }
        catch (Pkcs11Exception e)
        {
            if (IsTokenFailure(e.RV))
            {
                MarkBroken();
            }

            LogOperationFailed(logger, what, Label, e.RV.ToString());
            throw new KeyStoreUnavailableException($"The PKCS#11 token '{Label}' failed to {what} ({e.RV}).", e);
        }
        finally
        {
            DisposeQuietly(session);
            permits.Release();
        }
    }

    /// <summary>Closes every session of the token in this process, as a token reset does (tests use it to simulate a failure).</summary>
    internal void CloseAllSessions() => slot.CloseAllSessions();

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        while (idle.TryTake(out var session))
        {
            DisposeQuietly(session);
        }

        DisposeQuietly(loginSession);
        module.Dispose();
    }

    /// <summary>Errors after which the sessions or the login cannot be trusted any more.</summary>
    private static bool IsTokenFailure(CKR rv) => rv is CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED
        or CKR.CKR_USER_NOT_LOGGED_IN or CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_TOKEN_NOT_RECOGNIZED
        or CKR.CKR_DEVICE_REMOVED or CKR.CKR_DEVICE_ERROR or CKR.CKR_DEVICE_MEMORY or CKR.CKR_GENERAL_ERROR
        or CKR.CKR_SLOT_ID_INVALID or CKR.CKR_CRYPTOKI_NOT_INITIALIZED or CKR.CKR_OBJECT_HANDLE_INVALID
        or CKR.CKR_KEY_HANDLE_INVALID;

    private void MarkBroken()
    {
        broken = true;
        while (idle.TryTake(out var session))
        {
            DisposeQuietly(session);
        }
    }

    private void EnsureConnected()
    {
        if (!broken)
        {
            return;
        }

        lock (reconnectGate)
        {
            if (!broken)
            {
                return;
            }

            DisposeQuietly(loginSession);
            // The token may come back in another slot, so it is found by its label again.
            var found = FindSlot(module, Label) ?? throw new KeyStoreUnavailableException($"The PKCS#11 token '{Label}' is not present.");
            var session = found.OpenSession(SessionType.ReadWrite);
            try
            {
                session.Login(CKU.CKU_USER, pin);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
            }
            catch
            {
                DisposeQuietly(session);
                throw;
            }

            slot = found;
            loginSession = session;
            generation++;
            broken = false;
            LogReconnected(logger, Label);
        }
    }

    private static ISlot? FindSlot(Pkcs11Module module, string label) =>
        module.Library.GetSlotList(SlotsType.WithTokenPresent).FirstOrDefault(s => s.GetTokenInfo().Label.Trim() == label);

    private static string Describe(Pkcs11Module module)
    {
        var labels = module.Library.GetSlotList(SlotsType.WithTokenPresent).Select(s => "'" + s.GetTokenInfo().Label.Trim() + "'").ToList();
        return labels.Count == 0 ? "none" : string.Join(", ", labels);
    }

    private static void DisposeQuietly(ISession? session)
    {
        try
        {
            session?.Dispose();
        }
        catch (Pkcs11Exception)
        {
            // A session of a failed token may already be gone; there is nothing left to close.
        }
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "PKCS#11 token {Label} failed to {Operation}: {Error}")]
    private static partial void LogOperationFailed(ILogger logger, string operation, string label, string error);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Logged in to PKCS#11 token {Label} again")]
    private static partial void LogReconnected(ILogger logger, string label);
}
