using System;
using System.Text;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>Set-up checks: a benchmark that measures a failing or short-cut call measures nothing.</summary>
internal static class Check
{
    public static void Answer(WeChatPayResponse response, string expected)
    {
        if (response.StatusCode != 200 || response.Body != expected)
            throw new InvalidOperationException($"The client got {response.StatusCode} {response.Body}, not the expected answer.");
    }

    public static void Answer(string body, string expected)
    {
        if (body != expected)
            throw new InvalidOperationException($"The client got {body}, not the expected answer.");
    }

    public static void Answer(byte[] body, string expected)
    {
        if (Encoding.UTF8.GetString(body) != expected)
            throw new InvalidOperationException("The baseline did not get the expected answer.");
    }
}
