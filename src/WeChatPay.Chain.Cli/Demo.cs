using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using WeChatPay.Chain.AspNetCore;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.Cli;

/// <summary>
/// The demo: starts the local sandbox, runs the four seed operations in all six styles, shows what was encrypted and
/// that the sandbox decrypted it, verifies every signed answer, receives one signed callback (and its retry, acknowledged
/// without processing it twice), lives through a platform certificate rotation, and prints a table.
/// </summary>
internal static class Demo
{
    /// <summary>Runs the demo; 0 only if every step held.</summary>
    /// <param name="console">Where the demo shows what it does.</param>
    /// <param name="mode">The sandbox's platform key mode.</param>
    /// <param name="cancellationToken">Stops the demo.</param>
    /// <param name="logs">Receives what the client logs (one line per call, WeChatPay.Chain.Hosting); none by default.</param>
    /// <param name="scheme">The sandbox merchant's signature scheme: RSA (the default) or 国密.</param>
    public static async Task<int> RunAsync(IAnsiConsole console, KeyMode mode, CancellationToken cancellationToken, ILoggerProvider? logs = null,
        SandboxScheme scheme = SandboxScheme.Rsa)
    {
        console.MarkupLine($"[bold]WeChatPay.Chain demo[/] against the local sandbox ({mode} mode, {scheme} scheme, throw-away keys)");
        await using var sandbox = await Sandbox.WeChatPaySandbox.StartAsync(new SandboxOptions { Mode = mode, Scheme = scheme }, cancellationToken).ConfigureAwait(false);
        // The client as a service gets it: registered with AddWeChatPay, logging one line per call.
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null) logging.AddProvider(logs);
        });
        services.AddWeChatPay(options => From(sandbox.ClientOptions(), options));
        await using var provider = services.BuildServiceProvider();
        var wxpay = provider.GetRequiredService<WeChatPayClient>();
        console.MarkupLine($"sandbox at [blue]{Markup.Escape(sandbox.BaseUrl)}[/], platform key [blue]{Markup.Escape(sandbox.PlatformKeyId)}[/]");
        console.WriteLine();

        var failures = 0;
        foreach (var operation in SeedOperation.All)
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"[bold]POST {Markup.Escape(operation.Path)}[/]")
                .AddColumn("style").AddColumn("status").AddColumn("answer").AddColumn("sensitive").AddColumn(Markup.Escape(operation.AnswerField));
            var encrypted = string.Empty;
            foreach (var style in DemoStyle.All)
            {
                var row = await CallAsync(wxpay, sandbox, operation, style).ConfigureAwait(false);
                if (!row.Held) failures++;
                if (row.Fields.Length > 0) encrypted = row.Fields;
                table.AddRow(Markup.Escape(style.Name), row.Status, row.Verified, row.Encryption, row.Answer);
            }
            console.Write(table);
            console.MarkupLine(encrypted.Length == 0
                ? "  [grey]the docs mark no sensitive field here: the body leaves as given[/]"
                : $"  encrypted by the client ({(scheme == SandboxScheme.Sm ? "SM2" : "RSA-OAEP")}, platform key) and decrypted by the sandbox: [blue]{Markup.Escape(encrypted)}[/]");
            console.WriteLine();
        }

        var callback = await CallbackAsync(wxpay, sandbox, cancellationToken).ConfigureAwait(false);
        if (!callback.Held) failures++;
        console.MarkupLine(callback.Line);
        console.WriteLine();

        var upload = await UploadAsync(wxpay, sandbox, cancellationToken).ConfigureAwait(false);
        if (!upload.Held) failures++;
        console.MarkupLine(upload.Line);

        var bill = await BillAsync(wxpay, cancellationToken).ConfigureAwait(false);
        if (!bill.Held) failures++;
        console.MarkupLine(bill.Line);
        console.WriteLine();

        var rotation = await RotationAsync(mode == KeyMode.Certificate ? sandbox : null, scheme, cancellationToken).ConfigureAwait(false);
        if (!rotation.Held) failures++;
        console.MarkupLine(rotation.Line);
        console.WriteLine();

        var calls = SeedOperation.All.Length * DemoStyle.All.Length;
        console.MarkupLine(failures == 0
            ? $"[green]all {calls} calls signed, checked by the sandbox and verified; the callback verified and decrypted; the upload and the bill checked; the rotated certificate fetched[/]"
            : $"[red]{failures} step(s) did not hold[/]");
        return failures == 0 ? 0 : 1;
    }

    private sealed class Row
    {
        public bool Held;
        public string Status = string.Empty;
        public string Verified = string.Empty;
        public string Encryption = string.Empty;
        public string Answer = string.Empty;
        public string Fields = string.Empty;
    }

    private static async Task<Row> CallAsync(WeChatPayClient wxpay, Sandbox.WeChatPaySandbox sandbox, SeedOperation operation, DemoStyle style)
    {
        var before = sandbox.Calls.Count;
        try
        {
            var response = await style.Call(wxpay, operation, operation.Payload()).ConfigureAwait(false);
            var seen = sandbox.Calls.Skip(before).LastOrDefault();
            var encrypted = response.EncryptedFields.OrderBy(f => f, StringComparer.Ordinal).ToArray();
            var decrypted = (seen?.DecryptedFields ?? Array.Empty<string>()).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            var encryptionHeld = encrypted.SequenceEqual(decrypted, StringComparer.Ordinal);
            var answer = (string?)response.Json?[operation.AnswerField];
            var held = response.StatusCode is >= 200 and <= 299 && encryptionHeld && !string.IsNullOrEmpty(answer);
            return new Row
            {
                Held = held,
                Status = Mark(response.StatusCode is >= 200 and <= 299, response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Verified = Mark(true, "verified"),
                Encryption = encrypted.Length == 0 ? "[grey]none[/]" : Mark(encryptionHeld, $"{decrypted.Length}/{encrypted.Length} decrypted"),
                Answer = Markup.Escape(Shorten(answer)),
                Fields = string.Join(", ", encrypted),
            };
        }
        catch (WeChatPayException e)
        {
            return new Row
            {
                Status = Mark(false, e.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"),
                Verified = Mark(!(e is WeChatPaySignatureException), e is WeChatPaySignatureException s ? s.FailedCheck.ToString() : "-"),
                Encryption = "-",
                Answer = Markup.Escape(e.Code ?? e.Message),
            };
        }
    }

    private sealed class CallbackOutcome
    {
        public bool Held;
        public string Line = string.Empty;
    }

    // A notify_url on 127.0.0.1 mapped by WeChatPay.Chain.AspNetCore, as a merchant's server would: the sandbox sends a
    // signed callback, then sends it again as WeChat Pay retries; the handler runs once.
    private static async Task<CallbackOutcome> CallbackAsync(WeChatPayClient wxpay, Sandbox.WeChatPaySandbox sandbox, CancellationToken cancellationToken)
    {
        var received = new System.Collections.Concurrent.ConcurrentQueue<WeChatPayNotification>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapWeChatPayNotifications("/notify", wxpay, (notification, ct) =>
        {
            received.Enqueue(notification);
            return Task.CompletedTask;
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = address.TrimEnd('/') + "/notify";

        var contract = new
        {
            mchid = sandbox.ClientOptions().MerchantId,
            contract_id = "202511220000000000000000000001",
            appid = "wxd678efh567hg6787",
            plan_id = 12535,
            out_contract_code = "wxwtdk20200910100000",
            contract_display_account = "微信代扣用户A",
            contract_state = "SIGNED",
            contract_signed_time = "2025-11-22T16:37:00+08:00",
            openid = "oYobu0MVnQfWpSMOYJz2AHPG_gQw",
        };
        try
        {
            var result = await sandbox.SendCallbackAsync(url, "ENTRUST.SIGN", contract, cancellationToken).ConfigureAwait(false);
            var retry = await sandbox.RetryCallbackAsync(result, url, cancellationToken).ConfigureAwait(false);
            if (!received.TryPeek(out var notification))
                return new CallbackOutcome { Line = Mark(false, Markup.Escape($"callback answered {result.StatusCode}: not verified")) };
            var held = result.Acknowledged && retry.Acknowledged && received.Count == 1
                && (string?)notification.ResourceJson?["contract_id"] == contract.contract_id;
            return new CallbackOutcome
            {
                Held = held,
                Line = Mark(held, Markup.Escape($"callback {notification.EventType} ({notification.Summary}): signature verified, resource decrypted, " +
                    $"contract_id = {notification.ResourceJson?["contract_id"]}, answered {result.StatusCode}; WeChat Pay's retry answered {retry.StatusCode}, " +
                    $"handled {received.Count} time(s)")),
            };
        }
        catch (System.Net.Http.HttpRequestException e)
        {
            return new CallbackOutcome { Line = Mark(false, Markup.Escape("callback failed: " + e.Message)) };
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    // A 1x1 PNG to v3/merchant/media/upload: the meta (file name, SHA-256) signed, the file streamed; the sandbox checks both.
    private static async Task<CallbackOutcome> UploadAsync(WeChatPayClient wxpay, Sandbox.WeChatPaySandbox sandbox, CancellationToken cancellationToken)
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        try
        {
            WeChatPayResponse res = await wxpay.V3.Merchant.Media.Upload.UploadAsync(WeChatPayFile.FromBytes(png, "logo.png"), null, null, cancellationToken).ConfigureAwait(false);
            var seen = sandbox.Calls.LastOrDefault();
            var held = res.StatusCode == 200 && seen?.PassedChecks.Contains(SandboxCheck.Parameters) == true && !string.IsNullOrEmpty((string?)res.Json?["media_id"]);
            return new CallbackOutcome
            {
                Held = held,
                Line = Mark(held, Markup.Escape($"upload logo.png ({png.Length} bytes): meta signed with its SHA-256, file checked by the sandbox, media_id = {Shorten((string?)res.Json?["media_id"])}")),
            };
        }
        catch (WeChatPayException e)
        {
            return new CallbackOutcome { Line = Mark(false, Markup.Escape("upload failed: " + e.Message)) };
        }
    }

    // The day's trade bill: applied for (gzip), streamed and decompressed, its SHA1 checked against the apply answer's.
    private static async Task<CallbackOutcome> BillAsync(WeChatPayClient wxpay, CancellationToken cancellationToken)
    {
        try
        {
            WeChatPayResponse applied = await wxpay.V3.Bill.Tradebill.GetAsync(new { bill_date = "2025-11-21", bill_type = "ALL", tar_type = "GZIP" }, cancellationToken).ConfigureAwait(false);
            using var csv = new System.IO.MemoryStream();
            var bill = await wxpay.DownloadBillAsync(applied, csv, decompress: true, cancellationToken).ConfigureAwait(false);
            var rows = System.Text.Encoding.UTF8.GetString(csv.ToArray()).Split('\n').Length - 1;
            var held = bill.HashValue == (string?)applied.Json?["hash_value"] && bill.Decompressed;
            return new CallbackOutcome
            {
                Held = held,
                Line = Mark(held, Markup.Escape($"bill 2025-11-21: {bill.Length} bytes in {rows} lines, streamed and decompressed, {bill.HashType} {bill.HashValue} checked")),
            };
        }
        catch (WeChatPayException e)
        {
            return new CallbackOutcome { Line = Mark(false, Markup.Escape("bill failed: " + e.Message)) };
        }
    }

    // A client in certificate mode built with no platform key: the first call downloads the certificates; after the
    // sandbox rotates its certificate, the answer names a serial the client does not hold, and one refresh brings it.
    private static async Task<CallbackOutcome> RotationAsync(Sandbox.WeChatPaySandbox? certificateSandbox, SandboxScheme scheme, CancellationToken cancellationToken)
    {
        await using var owned = certificateSandbox is null
            ? await Sandbox.WeChatPaySandbox.StartAsync(new SandboxOptions { Mode = KeyMode.Certificate, Scheme = scheme }, cancellationToken).ConfigureAwait(false)
            : null;
        var sandbox = certificateSandbox ?? owned!;
        var options = sandbox.ClientOptions();
        options.PlatformKeys.Clear();
        var refreshes = new System.Collections.Concurrent.ConcurrentQueue<WeChatPayCertificateRefresh>();
        options.CertificateRefreshed = refreshes.Enqueue;
        using var client = new WeChatPayClient(options);
        try
        {
            await client.V3.Pay.Transactions.Id["4200000001"].GetAsync(new { mchid = options.MerchantId }, cancellationToken).ConfigureAwait(false);
            var rotated = sandbox.RotatePlatformCertificate();
            WeChatPayResponse answer = await client.V3.Pay.Transactions.Id["4200000001"].GetAsync(new { mchid = options.MerchantId }, cancellationToken).ConfigureAwait(false);
            var seen = refreshes.ToArray();
            var held = seen.Length == 2 && seen.All(r => r.Succeeded) && seen[1].Reason == CertificateRefreshReason.UnknownSerial
                && answer.Headers["Wechatpay-Serial"] == rotated && client.PlatformKeyIds.Contains(rotated);
            return new CallbackOutcome
            {
                Held = held,
                Line = Mark(held, Markup.Escape("certificate rotation: " + string.Join("; then ", seen.Select(r => r.ToString())))),
            };
        }
        catch (WeChatPayException e)
        {
            return new CallbackOutcome { Line = Mark(false, Markup.Escape("certificate rotation failed: " + e.Message)) };
        }
    }

    // The sandbox's client configuration into the registered options (a service reads the same from its configuration).
    private static void From(WeChatPayOptions source, WeChatPayOptions target)
    {
        target.MerchantId = source.MerchantId;
        target.MerchantSerialNumber = source.MerchantSerialNumber;
        target.MerchantPrivateKey = source.MerchantPrivateKey;
        target.BaseUrl = source.BaseUrl;
        target.ApiV3Key = source.ApiV3Key;
        target.TimeProvider = source.TimeProvider;
        foreach (var key in source.PlatformKeys) target.PlatformKeys[key.Key] = key.Value;
    }

    private static string Shorten(string? text) =>
        text is null ? "(missing)" : text.Length <= 22 ? text : text.Substring(0, 19) + "...";

    private static string Mark(bool held, string text) => held ? $"[green]✓[/] {text}" : $"[red]✗ {text}[/]";
}
