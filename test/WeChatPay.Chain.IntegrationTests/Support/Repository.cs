using System;
using System.IO;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>The repository the tests were built in: the folder above the test output that holds WeChatPay.Chain.sln.</summary>
internal static class Repository
{
    /// <exception cref="InvalidOperationException">No such folder is above the test output.</exception>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WeChatPay.Chain.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("The repository root (WeChatPay.Chain.sln) was not found above the test output.");
        }
    }

    /// <summary>The configuration the tests were built in (artifacts/bin/&lt;project&gt;/&lt;configuration&gt;), for a child build to reuse its outputs.</summary>
    public static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name.StartsWith("release", StringComparison.OrdinalIgnoreCase) ? "Release" : "Debug";
}
