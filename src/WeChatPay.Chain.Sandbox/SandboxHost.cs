using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <summary>Runs a sandbox as a console command (<c>wxpay sandbox</c>, <c>dotnet run</c>) until cancelled.</summary>
public static class SandboxHost
{
    /// <summary>Starts a sandbox, prints its address and a ready client configuration as JSON to the console, logs each call, and runs until cancelled.</summary>
    /// <param name="options">How to start; null for the defaults. Calls are logged to the console when no log is set.</param>
    /// <param name="cancellationToken">Stops the sandbox (e.g. on Ctrl+C).</param>
    /// <exception cref="ArgumentException">An option is unusable.</exception>
    public static Task RunAsync(SandboxOptions? options, CancellationToken cancellationToken) =>
        RunAsync(options, Console.Out, cancellationToken);

    /// <summary>Starts a sandbox, writes its address and a ready client configuration as JSON to <paramref name="output"/>, and runs until cancelled.</summary>
    /// <param name="options">How to start; null for the defaults. Calls are logged to <paramref name="output"/> when no log is set.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="cancellationToken">Stops the sandbox.</param>
    /// <exception cref="ArgumentException">An option is unusable.</exception>
    public static async Task RunAsync(SandboxOptions? options, TextWriter output, CancellationToken cancellationToken)
    {
        if (output is null) throw new ArgumentNullException(nameof(output));
        var effective = options?.Clone() ?? new SandboxOptions();
        if (effective.Log is null && effective.Logger is null) effective.Log = line => output.WriteLine(line);

        await using var sandbox = await WeChatPaySandbox.StartAsync(effective, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"WeChat Pay sandbox listening on {sandbox.BaseUrl} ({sandbox.Mode} mode, {(sandbox.Scheme == SandboxScheme.Sm ? "国密 WECHATPAY2-SM2-WITH-SM3" : "WECHATPAY2-SHA256-RSA2048")}, 127.0.0.1 only).").ConfigureAwait(false);
        await output.WriteLineAsync("THROW-AWAY KEYS generated for this run only: they are printed because they protect nothing; never use them with the real WeChat Pay API.").ConfigureAwait(false);
        await output.WriteLineAsync("Client configuration (WeChatPayOptions):").ConfigureAwait(false);
        await output.WriteLineAsync(ClientJson(sandbox.ClientOptions()).ToString(Formatting.Indented)).ConfigureAwait(false);
        await output.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the normal end.
        }
    }

    internal static JObject ClientJson(WeChatPayOptions options)
    {
        var platformKeys = new JObject();
        foreach (var pair in options.PlatformKeys) platformKeys[pair.Key] = pair.Value;
        return new JObject
        {
            [nameof(WeChatPayOptions.MerchantId)] = options.MerchantId,
            [nameof(WeChatPayOptions.MerchantSerialNumber)] = options.MerchantSerialNumber,
            [nameof(WeChatPayOptions.MerchantPrivateKey)] = options.MerchantPrivateKey,
            [nameof(WeChatPayOptions.PlatformKeys)] = platformKeys,
            [nameof(WeChatPayOptions.BaseUrl)] = options.BaseUrl,
            [nameof(WeChatPayOptions.ApiV3Key)] = options.ApiV3Key,
            [nameof(WeChatPayOptions.ApiV2Key)] = options.ApiV2Key,
        };
    }
}
