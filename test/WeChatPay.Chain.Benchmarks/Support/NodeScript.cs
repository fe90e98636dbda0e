using System;
using System.Diagnostics;
using System.IO;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>
/// The cold-start child on the Node SDK: <c>node one-call.js &lt;keys&gt; &lt;answer&gt;</c> in test/WeChatPay.Chain.Benchmarks.Node
/// (wechatpay-axios-plugin, answered in process with the same signed answer as the C# children). Neither Node.js nor the
/// folder's packages are needed to build or run anything else: without them the style is left out, with one line saying how
/// to install them.
/// </summary>
internal static class NodeScript
{
    /// <summary>The folder of the Node project, from the repository's root.</summary>
    public const string Folder = "test/WeChatPay.Chain.Benchmarks.Node";

    /// <summary>The start of the Node child, or null (the reason printed) when Node.js, the folder or its packages are missing.</summary>
    public static ProcessStartInfo? TryPrepare()
    {
        var folder = FindFolder();
        if (folder is null)
        {
            Console.WriteLine($"// node: left out, {Folder}/one-call.js is not above {AppContext.BaseDirectory} (run the harness from the repository's artifacts).");
            return null;
        }
        var node = FindOnPath("node");
        if (node is null)
        {
            Console.WriteLine($"// node: left out, no `node` on PATH (install Node.js 18 or later, then run `npm ci` in {Folder}).");
            return null;
        }
        if (!File.Exists(Path.Combine(folder, "node_modules", "wechatpay-axios-plugin", "package.json")))
        {
            Console.WriteLine($"// node: left out, its packages are not installed (run `npm ci` in {Folder}).");
            return null;
        }

        var start = new ProcessStartInfo(node) { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = folder };
        start.ArgumentList.Add(Path.Combine(folder, "one-call.js"));
        foreach (var argument in OwnProject.Arguments()) start.ArgumentList.Add(argument);
        return start;
    }

    // The Node project in the nearest folder above the harness's output that holds it (artifacts/bin/<project>/<configuration>/).
    private static string? FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var folder = Path.Combine(directory.FullName, Folder);
            if (File.Exists(Path.Combine(folder, "one-call.js"))) return folder;
        }
        return null;
    }

    private static string? FindOnPath(string program)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { program + ".exe" } : new[] { program })
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
