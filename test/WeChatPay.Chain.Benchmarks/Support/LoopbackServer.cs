using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WeChatPay.Chain.Benchmarks.Support
{
    /// <summary>
    /// A minimal WeChat Pay stand-in on Kestrel, 127.0.0.1 and a free port: it checks each request's
    /// <c>Authorization</c> signature with the merchant public key (over the raw request target and the body bytes) and
    /// answers with a pre-signed answer (GET or POST). Checking costs the server one RSA verify per request, the same for
    /// the client and the baseline.
    /// </summary>
    /// <remarks>
    /// TODO: switch to <c>WeChatPay.Chain.Sandbox.Sandbox.StartAsync()</c> when the sandbox lands (issue 4): it checks
    /// everything WeChat does (nonce replay, ±300 s, fields) and signs each answer, which is the setting the issue asks
    /// for. Until then this echo endpoint keeps the loopback benchmark independent of that branch.
    /// </remarks>
    internal sealed class LoopbackServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly RSA _merchantPublicKey;

        private LoopbackServer(WebApplication app, RSA merchantPublicKey, string baseUrl)
        {
            _app = app;
            _merchantPublicKey = merchantPublicKey;
            BaseUrl = baseUrl;
        }

        /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
        public string BaseUrl { get; }

        public static async Task<LoopbackServer> StartAsync(SignedAnswer post, SignedAnswer get)
        {
            var merchantPublicKey = BenchKeys.Load("merchant_pub.pem");
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.Run(context => AnswerAsync(context, merchantPublicKey, context.Request.Method == "GET" ? get : post));
            await app.StartAsync().ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new LoopbackServer(app, merchantPublicKey, address.TrimEnd('/') + "/");
        }

        private static async Task AnswerAsync(HttpContext context, RSA merchantPublicKey, SignedAnswer answer)
        {
            var request = context.Request;
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            if (!SignatureHolds(request.Headers.Authorization.ToString(), request.Method, target, buffer, merchantPublicKey))
            {
                context.Response.StatusCode = 401;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"code\":\"SIGN_ERROR\",\"message\":\"签名错误\"}").ConfigureAwait(false);
                return;
            }

            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = "application/json";
            response.ContentLength = answer.Body.Length;
            var headers = response.Headers;
            headers["Request-ID"] = SignedAnswer.RequestId;
            headers["Wechatpay-Nonce"] = SignedAnswer.Nonce;
            headers["Wechatpay-Serial"] = answer.Serial;
            headers["Wechatpay-Signature"] = answer.Signature;
            headers["Wechatpay-Timestamp"] = answer.Timestamp;
            await response.Body.WriteAsync(answer.Body).ConfigureAwait(false);
        }

        // WECHATPAY2-SHA256-RSA2048 mchid="…",serial_no="…",timestamp="…",nonce_str="…",signature="…"
        private static bool SignatureHolds(string authorization, string method, string target, MemoryStream body, RSA key)
        {
            const string scheme = "WECHATPAY2-SHA256-RSA2048 ";
            if (!authorization.StartsWith(scheme, StringComparison.Ordinal)) return false;
            string? timestamp = null, nonce = null, signature = null;
            foreach (var part in authorization.Substring(scheme.Length).Split(','))
            {
                var equals = part.IndexOf('=');
                if (equals < 0) return false;
                var value = part.Substring(equals + 1).Trim('"');
                switch (part.Substring(0, equals))
                {
                    case "timestamp": timestamp = value; break;
                    case "nonce_str": nonce = value; break;
                    case "signature": signature = value; break;
                }
            }
            if (timestamp is null || nonce is null || signature is null) return false;
            var head = Encoding.UTF8.GetBytes(method + "\n" + target + "\n" + timestamp + "\n" + nonce + "\n");
            var message = new byte[head.Length + body.Length + 1];
            head.CopyTo(message, 0);
            body.GetBuffer().AsSpan(0, (int)body.Length).CopyTo(message.AsSpan(head.Length));
            message[message.Length - 1] = (byte)'\n';
            return key.VerifyData(message, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _merchantPublicKey.Dispose();
        }
    }
}
