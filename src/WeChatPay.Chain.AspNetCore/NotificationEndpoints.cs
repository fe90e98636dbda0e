using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WeChatPay.Chain.Notifications;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>
/// <c>app.MapWeChatPayNotifications("/notify", async (notification, ct) =&gt; …)</c>: a POST endpoint that reads the raw body
/// once and hands it to <see cref="WeChatPayClient.ReceiveNotificationAsync"/>, which verifies, decrypts and claims it, runs
/// your handler under the claim, and says what to answer WeChat Pay: 204 when handled (or done before); otherwise
/// 4xx/5xx with <c>{"code":"FAIL","message":…}</c> — 409 while another delivery's handler runs, 500 when yours failed —
/// so that WeChat Pay sends it again. An APIv2 (XML) notification is answered in v2's form: 200 with <c>return_code</c>
/// SUCCESS (<c>text/xml</c>) when handled or done before; otherwise <c>return_code</c> FAIL with the same error status.
/// </summary>
public static class NotificationEndpoints
{
    /// <summary>The largest callback body read (64 KiB; WeChat Pay's notifications are a few KiB). A larger one is answered 413.</summary>
    public const int MaxBodySize = 64 * 1024;

    private const string LoggerName = "WeChatPay.Chain.AspNetCore.Notifications";

    /// <summary>Maps a POST endpoint for WeChat Pay callbacks, verified by the <see cref="WeChatPayClient"/> registered in the services.</summary>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="pattern">The route, the path of your <c>notify_url</c>.</param>
    /// <param name="handler">Processes one verified, decrypted notification; throw to have WeChat Pay send it again.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IEndpointConventionBuilder MapWeChatPayNotifications(this IEndpointRouteBuilder endpoints, string pattern,
        Func<WeChatPayNotification, CancellationToken, Task> handler) => Map(endpoints, pattern, null, handler);

    /// <summary>Maps a POST endpoint for WeChat Pay callbacks, verified by <paramref name="client"/>.</summary>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="pattern">The route, the path of your <c>notify_url</c>.</param>
    /// <param name="client">The client that verifies and decrypts (and remembers accepted notifications).</param>
    /// <param name="handler">Processes one verified, decrypted notification; throw to have WeChat Pay send it again.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IEndpointConventionBuilder MapWeChatPayNotifications(this IEndpointRouteBuilder endpoints, string pattern,
        WeChatPayClient client, Func<WeChatPayNotification, CancellationToken, Task> handler) =>
        Map(endpoints, pattern, client ?? throw new ArgumentNullException(nameof(client)), handler);

    /// <summary>Maps a POST endpoint for WeChat Pay callbacks whose resource the handler reads as <typeparamref name="TResource"/>; the client comes from the services.</summary>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="pattern">The route, the path of your <c>notify_url</c>.</param>
    /// <param name="handler">Processes the decrypted resource (and its notification); throw to have WeChat Pay send it again.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IEndpointConventionBuilder MapWeChatPayNotifications<TResource>(this IEndpointRouteBuilder endpoints, string pattern,
        Func<TResource, WeChatPayNotification, CancellationToken, Task> handler) => Map(endpoints, pattern, null, Typed(handler));

    /// <summary>Maps a POST endpoint for WeChat Pay callbacks whose resource the handler reads as <typeparamref name="TResource"/>, verified by <paramref name="client"/>.</summary>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="pattern">The route, the path of your <c>notify_url</c>.</param>
    /// <param name="client">The client that verifies and decrypts (and remembers accepted notifications).</param>
    /// <param name="handler">Processes the decrypted resource (and its notification); throw to have WeChat Pay send it again.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IEndpointConventionBuilder MapWeChatPayNotifications<TResource>(this IEndpointRouteBuilder endpoints, string pattern,
        WeChatPayClient client, Func<TResource, WeChatPayNotification, CancellationToken, Task> handler) =>
        Map(endpoints, pattern, client ?? throw new ArgumentNullException(nameof(client)), Typed(handler));

    private static Func<WeChatPayNotification, CancellationToken, Task> Typed<TResource>(Func<TResource, WeChatPayNotification, CancellationToken, Task> handler)
    {
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        return (notification, ct) => handler(notification.ResourceAs<TResource>(), notification, ct);
    }

    private static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string pattern, WeChatPayClient? client,
        Func<WeChatPayNotification, CancellationToken, Task> handler)
    {
        if (endpoints is null) throw new ArgumentNullException(nameof(endpoints));
        if (pattern is null) throw new ArgumentNullException(nameof(pattern));
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        return endpoints.MapPost(pattern, (HttpContext context) => HandleAsync(context, client, handler));
    }

    private static async Task HandleAsync(HttpContext context, WeChatPayClient? configured, Func<WeChatPayNotification, CancellationToken, Task> handler)
    {
        var ct = context.RequestAborted;
        var log = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(LoggerName);
        var body = await ReadBodyAsync(context.Request, ct).ConfigureAwait(false);
        if (body is null)
        {
            await AnswerAsync(context, 413, NotificationAnswer.JsonType, NotificationAnswer.Json($"the body is larger than {MaxBodySize} bytes"), ct).ConfigureAwait(false);
            return;
        }

        var client = configured ?? context.RequestServices.GetService<WeChatPayClient>();
        if (client is null)
        {
            log?.LogError("No WeChatPayClient: pass one to MapWeChatPayNotifications or register it in the services.");
            const string Unconfigured = "the merchant's server is not configured to read notifications";
            if (NotificationReader.IsApiV2(body))
                await AnswerAsync(context, 500, NotificationAnswer.XmlType, NotificationAnswer.Xml(false, Unconfigured), ct).ConfigureAwait(false);
            else
                await AnswerAsync(context, 500, NotificationAnswer.JsonType, NotificationAnswer.Json(Unconfigured), ct).ConfigureAwait(false);
            return;
        }

        // The handler runs to its end even when WeChat Pay hangs up after its 5 s: it stops only with the application.
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        var headers = context.Request.Headers;
        var receipt = await client.ReceiveNotificationAsync(name => headers.TryGetValue(name, out var value) ? value.ToString() : null, body, handler, stopping)
            .ConfigureAwait(false);
        Log(log, receipt);
        if (receipt.AnswerBody is { } answer)
            await AnswerAsync(context, receipt.StatusCode, receipt.AnswerContentType!, answer, ct).ConfigureAwait(false);
        else
            context.Response.StatusCode = receipt.StatusCode;
    }

    // One line per delivery, at the level its outcome deserves; the handler's exception goes to the log, never to WeChat Pay.
    private static void Log(ILogger? log, WeChatPayNotificationReceipt receipt)
    {
        if (log is null) return;
        if (receipt.StoreProblem is { } problem) log.LogWarning("WeChat Pay notification store: {Problem}", problem);
        switch (receipt.Outcome)
        {
            case WeChatPayNotificationOutcome.Handled:
            case WeChatPayNotificationOutcome.DoneBefore:
            case WeChatPayNotificationOutcome.InProgress:
                log.LogInformation("WeChat Pay notification: {Receipt}", receipt.ToString());
                break;
            case WeChatPayNotificationOutcome.NotWeChatPay:
            case WeChatPayNotificationOutcome.NotANotification:
                log.LogWarning("WeChat Pay notification rejected: {Receipt} ({Reason})", receipt.ToString(), receipt.Error?.Message);
                break;
            default:
                log.LogError(receipt.Error, "WeChat Pay notification not processed: {Receipt}; WeChat Pay will send it again", receipt.ToString());
                break;
        }
    }

    // The raw body bytes, read once; null when it is larger than MaxBodySize.
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodySize) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk.AsMemory(), ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodySize) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    // The documented answer of the delivery's protocol (NotificationAnswer): v3's {"code":"FAIL","message":"…"}, v2's <xml>.
    private static Task AnswerAsync(HttpContext context, int status, string contentType, string body, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, Encoding.UTF8, ct);
    }
}
