using NUnit.Framework;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

/// <summary>The two implementations every crypto test runs on.</summary>
public enum Backend
{
    /// <summary>System.Security.Cryptography (what net8.0+ consumers get).</summary>
    Platform,

    /// <summary>BouncyCastle (what netstandard2.0 consumers get).</summary>
    BouncyCastle,
}

/// <summary>
/// Base of fixtures that run once per <see cref="Backend"/>. It flips the static
/// <see cref="CryptoBackend.ForceBouncyCastle"/> before each test and resets it after, so derived fixtures must be
/// [NonParallelizable] and must load keys in [SetUp] or in the test (a key picks its backend when loaded).
/// </summary>
public abstract class OnEachBackend
{
    protected OnEachBackend(Backend backend)
    {
        Backend = backend;
    }

    protected Backend Backend { get; }

    /// <summary>
    /// The fixtures to run: one per backend; on the netstandard2.0 asset, which has only BouncyCastle, the BouncyCastle one
    /// alone (a Platform fixture there would run the same code again).
    /// </summary>
#if LIBRARY_NETSTANDARD
    public static readonly Backend[] Backends = { Backend.BouncyCastle };
#else
    public static readonly Backend[] Backends = { Backend.Platform, Backend.BouncyCastle };
#endif

    /// <summary>
    /// Whether keys should run on System.Security.Cryptography: the Platform fixture on the net8.0+ asset. The
    /// netstandard2.0 asset has only BouncyCastle, so there both fixtures run BouncyCastle.
    /// </summary>
#if LIBRARY_NETSTANDARD
    protected bool ExpectPlatform => false;
#else
    protected bool ExpectPlatform => Backend == Backend.Platform;
#endif

    [SetUp]
    public void SelectBackend() => CryptoBackend.ForceBouncyCastle = Backend == Backend.BouncyCastle;

    [TearDown]
    public void ResetBackend() => CryptoBackend.ForceBouncyCastle = false;
}
