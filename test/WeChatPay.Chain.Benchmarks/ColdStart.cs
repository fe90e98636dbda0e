using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using WeChatPay.Chain.Benchmarks.Baselines;
using WeChatPay.Chain.Benchmarks.Support;

namespace WeChatPay.Chain.Benchmarks;

/// <summary>
/// Start-up as a script lives it, in fresh processes: <c>--cold-start N</c> runs N rounds of one child process per style
/// (alternating), each constructing a client and making its first call through the in-process handler, and prints the
/// medians of the child's construct + first call (in-process stopwatch) and of its whole life (process start to exit).
/// <c>--cold-once STYLE</c> is one child: <c>dynamic</c> (the chain through <c>dynamic wxpay</c>), <c>typed</c> (the
/// same chain written on the typed client), <c>models</c> (the typed chain with a typed request of WeChatPay.Chain.Models, its
/// answer read as the typed model), <c>chain</c> (<c>wxpay.Chain("…")</c>), <c>baseline</c> (the hand-written
/// <c>HttpClient</c> caller doing the same RSA work, with Newtonsoft, in this process's assembly). These children run this
/// harness's program, so their lives include its own start (its assembly and dependencies, the two answers it signs). Three
/// styles are projects of their own, given one answer the harness signed, as a user's program would run
/// (<see cref="OwnProject"/>): <c>script-typed</c> and <c>script-chain</c> (the one-call script on this library, the typed
/// chain or <c>Chain("…")</c>) and <c>inbox</c> (a caller that uses only what .NET ships). A fourth, <c>node</c>, is the Node
/// SDK's one-call script (<see cref="NodeScript"/>), run when Node.js and its packages are installed and left out otherwise.
/// Each child also reports its construction and its first call apart.
/// </summary>
internal static class ColdStart
{
    private static readonly string[] Styles = { "dynamic", "typed", "models", "chain", "baseline", "script-typed", "script-chain", "inbox" };

    public static async Task<int> OnceAsync(string style)
    {
        using var platformKey = BenchKeys.Load("platform_key.pem");
        using var handler = new InstantHandler(SignedAnswer.Create(Payloads.PostAnswer, platformKey), SignedAnswer.Create(Payloads.GetAnswer, platformKey));
        var options = BenchKeys.Options();
        options.HttpMessageHandler = handler;

        var watch = Stopwatch.StartNew();
        byte[] body;
        TimeSpan constructed;
        if (style == "baseline")
        {
            using var baseline = new HandWrittenClient(new System.Net.Http.HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(WeChatPayOptions.DefaultBaseUrl) }, options);
            constructed = watch.Elapsed;
            body = await baseline.PostAsync(Payloads.PostPath, Payloads.PostBody);
        }
        else
        {
            using var client = new WeChatPayClient(options);
            constructed = watch.Elapsed;
            WeChatPayResponse answer = style switch
            {
                "dynamic" => await DynamicAsync(client),
                "typed" => await client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(Payloads.PostBody),
                "models" => await ModelsAsync(client),
                "chain" => await client.Chain(Payloads.PostPath).PostAsync(Payloads.PostBody),
                _ => throw new ArgumentException($"No style {style}: {string.Join(", ", Styles)}.", nameof(style)),
            };
            body = answer.RawBody;
        }
        watch.Stop();
        Check.Answer(body, Payloads.PostAnswer);
        Console.WriteLine(FormattableString.Invariant(
            $"COLD {style} {watch.Elapsed.TotalMilliseconds:F2} {constructed.TotalMilliseconds:F2} {(watch.Elapsed - constructed).TotalMilliseconds:F2} {System.Runtime.JitInfo.GetCompiledMethodCount()} {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F2}"));
        return 0;
    }

    // The typed chain with a typed request, its answer read as the typed model (package WeChatPay.Chain.Models loaded).
    private static async Task<WeChatPayResponse> ModelsAsync(WeChatPayClient client)
    {
        var answer = await client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(TypedPayloads.Post());
        if (answer.Model?.PreEntrustwebId is null) throw new InvalidOperationException("The typed answer has no pre_entrustweb_id.");
        return answer;
    }

    private static async Task<WeChatPayResponse> DynamicAsync(WeChatPayClient client)
    {
        dynamic wxpay = client;
        return await wxpay.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(Payloads.PostBody);
    }

    public static int Run(int rounds)
    {
        var self = Process.GetCurrentProcess().MainModule!.FileName;
        var assembly = typeof(ColdStart).Assembly.Location;
        var ownProjects = new System.Collections.Generic.Dictionary<string, ProcessStartInfo>
        {
            ["inbox"] = OwnProject.Prepare("WeChatPay.Chain.Benchmarks.InBox"),
            ["script-typed"] = OwnProject.Prepare("WeChatPay.Chain.Benchmarks.Script", "typed"),
            ["script-chain"] = OwnProject.Prepare("WeChatPay.Chain.Benchmarks.Script", "chain"),
        };
        var styles = Styles.ToList();
        if (NodeScript.TryPrepare() is { } node)
        {
            ownProjects["node"] = node;
            styles.Add("node");
        }
        var inProcess = styles.ToDictionary(s => s, _ => new List<double>());
        var construct = styles.ToDictionary(s => s, _ => new List<double>());
        var firstCall = styles.ToDictionary(s => s, _ => new List<double>());
        var lifetime = styles.ToDictionary(s => s, _ => new List<double>());
        var jitted = styles.ToDictionary(s => s, _ => new List<double>());
        var jitTime = styles.ToDictionary(s => s, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var style in round % 2 == 0 ? styles : Enumerable.Reverse(styles))
            {
                var own = ownProjects.TryGetValue(style, out var project);
                var start = own ? project! : new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
                if (!own)
                {
                    if (self.EndsWith("dotnet", StringComparison.Ordinal)) start.ArgumentList.Add(assembly);
                    start.ArgumentList.Add("--cold-once");
                    start.ArgumentList.Add(style);
                }
                var watch = Stopwatch.StartNew();
                using var child = Process.Start(start)!;
                var output = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                watch.Stop();
                var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("COLD ", StringComparison.Ordinal))
                    ?? throw new InvalidOperationException($"The {style} child printed no result (exit {child.ExitCode}): {output}");
                var parts = line.Split(' ');
                inProcess[style].Add(double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
                construct[style].Add(double.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
                firstCall[style].Add(double.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture));
                lifetime[style].Add(watch.Elapsed.TotalMilliseconds);
                jitted[style].Add(double.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture));
                jitTime[style].Add(double.Parse(parts[6], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        Console.WriteLine($"// Cold start, {rounds} fresh processes per style, medians (ms)");
        Console.WriteLine("| Style | construct | first call | construct + first call | process start to exit | ÷ baseline (start to exit) | methods JIT-compiled | JIT time |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var baselineLife = Interleaved.Median(lifetime["baseline"].ToArray());
        foreach (var style in styles)
        {
            // Node has no JIT counters of this kind: its child prints 0 for them.
            var jit = style == "node" ? "– | –" : FormattableString.Invariant($"{Interleaved.Median(jitted[style]):F0} | {Interleaved.Median(jitTime[style]):F1}");
            Console.WriteLine(FormattableString.Invariant(
                $"| {style} | {Interleaved.Median(construct[style]):F1} | {Interleaved.Median(firstCall[style]):F1} | {Interleaved.Median(inProcess[style]):F1} | {Interleaved.Median(lifetime[style]):F1} | {Interleaved.Median(lifetime[style]) / baselineLife:F2}× | {jit} |"));
        }
        return 0;
    }
}
