using System;
using System.Security.Cryptography;

namespace WeChatPay.Chain.Sandbox;

/// <summary>Request ids shaped like WeChat Pay's: 58 upper-case hex digits and a <c>-0</c> suffix.</summary>
internal static class RequestIds
{
    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[29];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexString(bytes) + "-0";
    }
}
