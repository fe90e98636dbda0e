using System;
using System.IO;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>The unit tests' throw-away keys (copied next to these tests), for sandboxes started with given keys.</summary>
internal static class TestKeys
{
    public const string MerchantSerial = "5D61E8146D1C1CF31D6A2847982DBA1FA53E5B24";
    public const string PlatformSerial = "72DCBEA7B2ED92CCBD5DB087E6450FF1DFC6F92B";
    public const string ApiV3Key = "Tq9vXk3mRb7nWp2sYh6dLz4cFj8gKa5e";

    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "keys", file);

    public static string Text(string file) => File.ReadAllText(Path(file));
}
