namespace WeChatPay.Chain.Crypto;

/// <summary>Chooses between the platform (System.Security.Cryptography) and the BouncyCastle implementations.</summary>
/// <remarks>
/// On netstandard2.0 everything runs on BouncyCastle and this switch has no effect. On net8.0 and later the
/// platform implementation is used unless <see cref="ForceBouncyCastle"/> is set, which exists so that tests can
/// exercise the BouncyCastle code paths on a modern runtime. An RSA key reads the switch once, when it is loaded;
/// <see cref="AesGcm256"/> reads it on every call.
/// </remarks>
internal static class CryptoBackend
{
    private static volatile bool _forceBouncyCastle;

    /// <summary>Test hook: when true, net8.0+ builds use the BouncyCastle code paths.</summary>
    public static bool ForceBouncyCastle
    {
        get => _forceBouncyCastle;
        set => _forceBouncyCastle = value;
    }

    /// <summary>True when the platform implementation is to be used (never on netstandard2.0).</summary>
    internal static bool UsePlatform
    {
        get
        {
#if NETSTANDARD2_0
            return false;
#else
            return !_forceBouncyCastle;
#endif
        }
    }
}
