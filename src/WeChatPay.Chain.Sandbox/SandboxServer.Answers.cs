using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <content>Writing answers: signed JSON (with the signature faults), the gateway's HTML 502, raw downloads.</content>
internal sealed partial class SandboxServer
{
    private const string Html502 =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>stgw</center>\r\n</body>\r\n</html>\r\n";

    private static JObject SystemError() => new() { ["code"] = "SYSTEM_ERROR", ["message"] = "系统错误 (system error), please retry later." };

    private async Task WriteJsonAsync(HttpContext context, int status, JObject? json, SandboxFault fault)
    {
        var bytes = json is null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(json.ToString(Formatting.None));
        var response = context.Response;
        response.StatusCode = status;
        Sign(response.Headers, bytes, fault);
        if (bytes.Length == 0) return;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    // The Wechatpay-* headers of a signed answer, altered as the fault says.
    private void Sign(IHeaderDictionary headers, byte[] body, SandboxFault fault)
    {
        var now = _clock.GetUtcNow();
        if (fault == SandboxFault.StaleTimestamp) now = now.AddMinutes(-10);
        var timestamp = WeChatTime.UnixSeconds(now);
        var nonce = SignedMessage.Nonce();
        var platform = _keys.Platform; // one identity signs and is named, even while a rotation happens
        var signature = fault switch
        {
            SandboxFault.WrongSignature => platform.Key.Sign(SignedMessage.Answer(timestamp, SignedMessage.Nonce(), body)),
            SandboxFault.SignTestProbe => "WECHATPAY/SIGNTEST/" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            _ => platform.Key.Sign(SignedMessage.Answer(timestamp, nonce, body)),
        };
        headers["Wechatpay-Nonce"] = nonce;
        headers["Wechatpay-Signature"] = signature;
        headers["Wechatpay-Timestamp"] = timestamp;
        headers["Wechatpay-Serial"] = fault == SandboxFault.UnknownSerial ? _keys.OtherPlatformKeyId : platform.Id;
        headers["Wechatpay-Signature-Type"] = _keys.Rules.Name;
    }

    private static async Task WriteHtml502Async(HttpContext context)
    {
        var bytes = Encoding.UTF8.GetBytes(Html502);
        var response = context.Response;
        response.StatusCode = 502;
        response.ContentType = "text/html";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    // A bill, streamed as it is generated (no Content-Length: gzip is compressed on the way).
    private async Task WriteBillAsync(HttpContext context, SandboxBills.Bill bill, bool alter)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = bill.Algorithm is not null ? "application/octet-stream" : bill.Gzip ? "application/x-gzip" : "text/csv; charset=utf-8";
        await SandboxBills.WriteAsync(bill, response.Body, alter, _keys.ApiV3Key, context.RequestAborted).ConfigureAwait(false);
    }

    // Downloads carry no signature, as WeChat Pay's file streams.
    private static async Task WriteFileAsync(HttpContext context, byte[] file)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/octet-stream";
        response.ContentLength = file.Length;
        await response.Body.WriteAsync(file, context.RequestAborted).ConfigureAwait(false);
    }
}
