namespace WeChatPay.Chain.Crypto;

/// <summary>Loads a key of whichever scheme its PEM holds: the scheme follows the key.</summary>
internal static class Keys
{
    /// <summary>Loads a private key from PEM text or the path of a PEM file.</summary>
    /// <exception cref="System.ArgumentException">It is not a usable key; ParamName is <paramref name="optionName"/> and the message says what to fix, without key material.</exception>
    public static SigningKey LoadSigningKey(string textOrPath, string? passphrase, string optionName) =>
        RsaPrivateKey.Load(textOrPath, passphrase, optionName);

    /// <summary>Loads a public key or certificate from PEM text or the path of a PEM file.</summary>
    /// <exception cref="System.ArgumentException">It is not a usable key; ParamName is <paramref name="optionName"/> and the message says what to fix, without key material.</exception>
    public static VerifyingKey LoadVerifyingKey(string textOrPath, string optionName) =>
        RsaPublicKey.Load(textOrPath, optionName);
}
