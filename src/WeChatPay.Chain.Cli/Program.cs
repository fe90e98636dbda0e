using System.CommandLine;
using System.Threading.Tasks;
using Spectre.Console;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.Cli;

/// <summary>The <c>wxpay</c> tool.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var mode = new Option<string>("--mode")
        {
            Description = "Platform key mode of the sandbox: public-key (PUB_KEY_ID_…) or certificate.",
            DefaultValueFactory = _ => "public-key",
        };
        mode.AcceptOnlyFromAmong("public-key", "certificate");

        var demo = new Command("demo", "Start the local sandbox and run the four seed operations in all six call styles, then receive a callback.");
        demo.Options.Add(mode);
        demo.SetAction((result, token) => Demo.RunAsync(AnsiConsole.Console, ModeOf(result.GetValue(mode)), token));

        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var sandbox = new Command("sandbox", "Run the local WeChat Pay sandbox on 127.0.0.1 until Ctrl+C, printing a ready client configuration.");
        sandbox.Options.Add(mode);
        sandbox.Options.Add(port);
        sandbox.SetAction(async (result, token) =>
        {
            await SandboxHost.RunAsync(new SandboxOptions { Mode = ModeOf(result.GetValue(mode)), Port = result.GetValue(port) }, token).ConfigureAwait(false);
            return 0;
        });

        var root = new RootCommand("wxpay: WeChatPay.Chain's tool. Try `wxpay demo`.");
        root.Subcommands.Add(demo);
        root.Subcommands.Add(sandbox);
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }

    private static KeyMode ModeOf(string? value) => value == "certificate" ? KeyMode.Certificate : KeyMode.PublicKey;
}
