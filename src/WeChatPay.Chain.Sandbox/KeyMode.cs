namespace WeChatPay.Chain.Sandbox;

/// <summary>How the sandbox's platform key is presented to the client, as WeChat Pay offers it to a merchant.</summary>
public enum KeyMode
{
    /// <summary>A WeChat Pay public key under an id <c>PUB_KEY_ID_</c> + 28 digits (the mode of merchants registered since late 2024).</summary>
    PublicKey = 0,

    /// <summary>A self-signed platform certificate under its 40-hex-digit serial number, also served by <c>GET v3/certificates</c>.</summary>
    Certificate = 1,
}
