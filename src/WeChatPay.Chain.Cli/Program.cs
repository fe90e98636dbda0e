using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Spectre.Console;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.Cli;

/// <summary>The <c>wxpay</c> tool.</summary>
internal static class Program
{
    private static readonly Option<bool> Verbose = new("--verbose") { Description = "Show the stack trace of an error.", Recursive = true };

    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("wxpay: call WeChat Pay APIv3 from a terminal, explore its operations, run the local sandbox. Try `wxpay demo`.");
        foreach (var option in ConfigurationFlags.All) root.Options.Add(option);
        root.Options.Add(Verbose);
        AddCall(root);
        root.Subcommands.Add(Ops());
        root.Subcommands.Add(Certificates());
        root.Subcommands.Add(DoctorCommand.Create(RunAsync));
        root.Subcommands.Add(SandboxCommand());
        root.Subcommands.Add(DemoCommand());
        root.Subcommands.Add(ReplCommand());
        // `-d @file` is ours (the body from a file, as in curl), not System.CommandLine's response files.
        return await root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync().ConfigureAwait(false);
    }

    // wxpay <path> [-X METHOD] [-d JSON|@file] [-q key=value …] [-H 'Name: value' …] [--json]
    private static void AddCall(RootCommand root)
    {
        var path = new Argument<string?>("path") { Description = "The documented path (v3/pay/transactions/native) or dotted (v3.pay.transactions.native).", Arity = ArgumentArity.ZeroOrOne };
        var method = new Option<string?>("--method", "-X") { Description = "GET, POST, PUT, PATCH or DELETE (GET, or POST with -d)." };
        var data = new Option<string?>("--data", "-d") { Description = "The JSON body, or @file to read it from a file." };
        var query = new Option<string[]>("--query", "-q") { Description = "key=value: a query parameter or path value (repeatable)." };
        var header = new Option<string[]>("--header", "-H") { Description = "'Name: value': a request header (repeatable)." };
        var json = new Option<bool>("--json") { Description = "Print the answer's body alone, as sent (an APIv2 answer: its fields as JSON); the default when the output is redirected." };
        root.Arguments.Add(path);
        foreach (var option in new Option[] { method, data, query, header, json }) root.Options.Add(option);
        root.SetAction((result, token) => RunAsync(result, async () =>
        {
            var target = result.GetValue(path);
            if (string.IsNullOrWhiteSpace(target))
            {
                Console.Out.WriteLine("wxpay <path> [-X METHOD] [-d JSON|@file] [-q key=value] [-H 'Name: value']; wxpay --help lists the commands.");
                return 0;
            }
            var body = ReadData(result.GetValue(data));
            var verb = (result.GetValue(method) ?? (body is null ? "GET" : "POST")).ToUpperInvariant();
            var request = new WeChatPayRequestOptions { Headers = Pairs(result.GetValue(header), ':', "-H", "'Name: value'") };
            var values = Pairs(result.GetValue(query), '=', "-q", "key=value");
            using var client = new WeChatPayClient(Options(result));
            var node = client.Chain(NormalisePath(target));
            var answer = verb switch
            {
                "GET" => await node.GetAsync(values, request, token).ConfigureAwait(false),
                "DELETE" => await node.DeleteAsync(body, With(request, values), token).ConfigureAwait(false),
                "POST" => await node.PostAsync(body, With(request, values), token).ConfigureAwait(false),
                "PUT" => await node.PutAsync(body, With(request, values), token).ConfigureAwait(false),
                "PATCH" => await node.PatchAsync(body, With(request, values), token).ConfigureAwait(false),
                _ => throw new CliException($"-X {verb} is not a WeChat Pay method: use GET, POST, PUT, PATCH or DELETE."),
            };
            if (result.GetValue(json) || Console.IsOutputRedirected) Console.Out.Write(CliOutput.Printable(answer));
            else CliOutput.Answer(AnsiConsole.Console, answer);
            return 0;
        }));
    }

    // wxpay ops [search], wxpay ops show METHOD PATH
    private static Command Ops()
    {
        var text = new Argument<string?>("search") { Description = "A path fragment or words of a title (预签约).", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "One JSON object per operation (method, path, title)." };
        var ops = new Command("ops", "List the documented operations, or those a search finds.");
        ops.Arguments.Add(text);
        ops.Options.Add(json);
        ops.SetAction((result, token) => RunAsync(result, () =>
        {
            var found = WeChatPayOperation.Search(result.GetValue(text) ?? string.Empty);
            if (result.GetValue(json) || Console.IsOutputRedirected)
            {
                foreach (var op in found)
                    Console.Out.WriteLine(new JObject { ["method"] = op.Method, ["path"] = op.Path, ["title"] = op.Title }.ToString(Newtonsoft.Json.Formatting.None));
            }
            else
            {
                CliOutput.Operations(AnsiConsole.Console, found);
            }
            return Task.FromResult(found.Count == 0 ? 1 : 0);
        }));

        var method = new Argument<string>("method") { Description = "GET, POST, …" };
        var path = new Argument<string>("path") { Description = "The documented path, with templates or values." };
        var show = new Command("show", "Show one operation: its request, query and response fields, the encrypted ones marked.");
        show.Arguments.Add(method);
        show.Arguments.Add(path);
        show.SetAction((result, token) => RunAsync(result, () =>
        {
            var op = WeChatPayOperation.Find(result.GetValue(method)!, NormalisePath(result.GetValue(path)!))
                ?? throw new CliException($"No documented operation {result.GetValue(method)!.ToUpperInvariant()} {result.GetValue(path)}: `wxpay ops {result.GetValue(path)}` lists what is documented there.");
            Console.Out.Write(op.Describe());
            return Task.FromResult(0);
        }));
        ops.Subcommands.Add(show);
        return ops;
    }

    // wxpay certificates download [-o DIR]
    private static Command Certificates()
    {
        var output = new Option<string>("--output", "-o") { Description = "The directory to save them in.", DefaultValueFactory = _ => "." };
        var download = new Command("download", "Download the platform certificates (GET v3/certificates): decrypt them with the APIv3 key, verify them, save each as wechatpay_<serial>.pem.");
        download.Options.Add(output);
        download.SetAction((result, token) => RunAsync(result, async () =>
        {
            var directory = result.GetValue(output)!;
            if (!Directory.Exists(directory)) throw new CliException($"The directory {directory} does not exist: create it first.");
            using var client = new WeChatPayClient(Options(result));
            if (Console.IsOutputRedirected)
            {
                foreach (var certificate in await client.DownloadCertificatesAsync(token).ConfigureAwait(false))
                    Console.Out.WriteLine($"{certificate}: {certificate.SaveTo(directory)}");
                return 0;
            }
            var downloaded = await AnsiConsole.Status().StartAsync("Downloading the platform certificates (GET v3/certificates)…",
                _ => client.DownloadCertificatesAsync(token)).ConfigureAwait(false);
            CliOutput.Certificates(AnsiConsole.Console, downloaded.Select(c => (c, c.SaveTo(directory))).ToList());
            return 0;
        }));
        var certificates = new Command("certificates", "The platform certificates.");
        certificates.Subcommands.Add(download);
        return certificates;
    }

    private static readonly Option<string> Mode = CreateMode();

    private static Option<string> CreateMode()
    {
        var mode = new Option<string>("--mode")
        {
            Description = "Platform key mode of the sandbox: public-key (PUB_KEY_ID_…) or certificate.",
            DefaultValueFactory = _ => "public-key",
        };
        mode.AcceptOnlyFromAmong("public-key", "certificate");
        return mode;
    }

    private static readonly Option<string> Scheme = CreateScheme();

    private static Option<string> CreateScheme()
    {
        var scheme = new Option<string>("--scheme")
        {
            Description = "Signature scheme of the sandbox merchant: rsa (WECHATPAY2-SHA256-RSA2048) or sm (国密 WECHATPAY2-SM2-WITH-SM3: SM2 keys, AEAD_SM4_GCM).",
            DefaultValueFactory = _ => "rsa",
        };
        scheme.AcceptOnlyFromAmong("rsa", "sm");
        return scheme;
    }

    // wxpay sandbox [--json] [--mode] [--scheme] [--port]
    private static Command SandboxCommand()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the client configuration alone on standard output (the log goes to standard error)." };
        var sandbox = new Command("sandbox", "Run the local WeChat Pay sandbox on 127.0.0.1 until Ctrl+C, printing a ready client configuration.");
        sandbox.Options.Add(Mode);
        sandbox.Options.Add(Scheme);
        sandbox.Options.Add(port);
        sandbox.Options.Add(json);
        sandbox.SetAction(async (result, token) =>
        {
            var options = new SandboxOptions { Mode = ModeOf(result.GetValue(Mode)), Scheme = SchemeOf(result.GetValue(Scheme)), Port = result.GetValue(port) };
            if (!result.GetValue(json))
            {
                await SandboxHost.RunAsync(options, token).ConfigureAwait(false);
                return 0;
            }
            options.Log = line => Console.Error.WriteLine(line);
            await using var running = await WeChatPaySandbox.StartAsync(options, token).ConfigureAwait(false);
            Console.Error.WriteLine($"WeChat Pay sandbox listening on {running.BaseUrl} ({running.Mode} mode, {running.Scheme} scheme, throw-away keys). Ctrl+C stops it.");
            Console.Out.WriteLine(SandboxHost.ClientJson(running.ClientOptions()).ToString(Newtonsoft.Json.Formatting.Indented));
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping is the normal end.
            }
            return 0;
        });
        return sandbox;
    }

    // wxpay repl [--sandbox [--scheme]]
    private static Command ReplCommand()
    {
        var withSandbox = new Option<bool>("--sandbox") { Description = "Point `wxpay` at a fresh in-process sandbox (also `sandbox`) instead of the configuration." };
        var repl = new Command("repl", "An interactive C# prompt with `wxpay` ready: Tab completes the typed chain, Up/Down recall, a result prints readably.");
        repl.Options.Add(withSandbox);
        repl.Options.Add(Scheme);
        repl.SetAction((result, token) => RunAsync(result, async () =>
        {
            WeChatPaySandbox? sandbox = result.GetValue(withSandbox) ? await WeChatPaySandbox.StartAsync(new SandboxOptions { Scheme = SchemeOf(result.GetValue(Scheme)), Log = _ => { } }, token).ConfigureAwait(false) : null;
            try
            {
                using var client = new WeChatPayClient(sandbox is null ? Options(result) : sandbox.ClientOptions());
                return await Repl.Repl.RunAsync(new Repl.ReplGlobals(client, sandbox), token).ConfigureAwait(false);
            }
            finally
            {
                if (sandbox is not null) await sandbox.DisposeAsync().ConfigureAwait(false);
            }
        }));
        return repl;
    }

    private static Command DemoCommand()
    {
        var demo = new Command("demo", "Start the local sandbox and run the four seed operations in all six call styles, then receive a callback.");
        demo.Options.Add(Mode);
        demo.Options.Add(Scheme);
        demo.SetAction((result, token) => Demo.RunAsync(AnsiConsole.Console, ModeOf(result.GetValue(Mode)), token, scheme: SchemeOf(result.GetValue(Scheme))));
        return demo;
    }

    private static WeChatPayOptions Options(ParseResult result) => ConfigurationFlags.Options(result);

    // One readable line for the caller's mistakes and WeChat Pay's answers; the stack trace with --verbose.
    private static async Task<int> RunAsync(ParseResult result, Func<Task<int>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception e) when (e is CliException || e is ArgumentException || e is InvalidOperationException || e is WeChatPayException || e is IOException
            || e is System.Security.Cryptography.CryptographicException)
        {
            Console.Error.WriteLine((e is WeChatPayException ? "error: " : "wxpay: ") + e.Message);
            if (result.GetValue(Verbose)) Console.Error.WriteLine(e);
            return e is WeChatPayException ? 2 : 1;
        }
    }

    // Dotted like the Node tool (v3.pay.transactions.native) when it has no slash.
    private static string NormalisePath(string path) => path.Contains('/') ? path.TrimStart('/') : path.Replace('.', '/');

    // -d @file: through InputFile, the library's bounded file read.
    private static string? ReadData(string? data) =>
        data is null ? null : data.StartsWith('@') ? InputFile.Read(data.Substring(1), "-d " + data) : data;

    private static Dictionary<string, string>? Pairs(string[]? items, char separator, string flag, string shape)
    {
        if (items is null || items.Length == 0) return null;
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var at = item.IndexOf(separator);
            if (at <= 0) throw new CliException($"{flag} takes {shape}; got '{item}'.");
            pairs[item.Substring(0, at).Trim()] = item.Substring(at + 1).Trim();
        }
        return pairs;
    }

    // For a call with a body, -q values fill the path's templates and the rest go to the query.
    private static WeChatPayRequestOptions With(WeChatPayRequestOptions request, Dictionary<string, string>? values)
    {
        if (values is not null) request.Query = values;
        return request;
    }

    private static KeyMode ModeOf(string? value) => value == "certificate" ? KeyMode.Certificate : KeyMode.PublicKey;

    private static SandboxScheme SchemeOf(string? value) => value == "sm" ? SandboxScheme.Sm : SandboxScheme.Rsa;
}
