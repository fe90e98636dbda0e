using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>
/// <c>app.MapWeChatPayNotifications("/notify", async (notification, ct) =&gt; …)</c>: a POST endpoint that reads the raw body
/// once, verifies and decrypts it with <see cref="WeChatPayClient.ReadNotificationAsync"/> (which also accepts each
/// notification once), hands the notification to your handler, and answers what WeChat Pay expects: 204 when handled
/// (or already handled before); otherwise 4xx/5xx with <c>{"code":"FAIL","message":…}</c>, so that WeChat Pay retries.
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
        var client = configured ?? context.RequestServices.GetService<WeChatPayClient>();
        if (client is null)
        {
            log?.LogError("No WeChatPayClient: pass one to MapWeChatPayNotifications or register it in the services.");
            await AnswerAsync(context, 500, "the merchant's server is not configured to read notifications", ct).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context.Request, ct).ConfigureAwait(false);
        if (body is null)
        {
            await AnswerAsync(context, 413, $"the body is larger than {MaxBodySize} bytes", ct).ConfigureAwait(false);
            return;
        }

        WeChatPayNotification notification;
        try
        {
            var headers = context.Request.Headers;
            notification = await client.ReadNotificationAsync(name => headers.TryGetValue(name, out var value) ? value.ToString() : null, body, ct).ConfigureAwait(false);
        }
        catch (WeChatPaySignatureException e) when (e.FailedCheck == SignatureCheck.Replayed)
        {
            // Accepted before: WeChat Pay retrying one whose acknowledgement it missed, or a replay. Either way, not again.
            log?.LogInformation("WeChat Pay notification not processed again: {Reason}", e.Reason);
            context.Response.StatusCode = 204;
            return;
        }
        catch (WeChatPaySignatureException e)
        {
            log?.LogWarning("WeChat Pay notification rejected ({Check}): {Reason}", e.FailedCheck, e.Reason);
            await AnswerAsync(context, 401, $"verification failed ({e.FailedCheck})", ct).ConfigureAwait(false);
            return;
        }
        catch (WeChatPayException e) when (e.InnerException is CryptographicException)
        {
            // Verified but does not decrypt: this server's APIv3 key is wrong; WeChat Pay should retry once it is fixed.
            log?.LogError("WeChat Pay notification does not decrypt: {Message}", e.Message);
            await AnswerAsync(context, 500, "the notification could not be decrypted", ct).ConfigureAwait(false);
            return;
        }
        catch (InvalidOperationException e)
        {
            // No APIv3 key on this server: WeChat Pay should retry once it is configured.
            log?.LogError("WeChat Pay notifications cannot be read here: {Message}", e.Message);
            await AnswerAsync(context, 500, "the merchant's server is not configured to read notifications", ct).ConfigureAwait(false);
            return;
        }
        catch (WeChatPayException e)
        {
            log?.LogWarning("Not a WeChat Pay notification: {Message}", e.Message);
            await AnswerAsync(context, 400, "not a WeChat Pay notification", ct).ConfigureAwait(false);
            return;
        }

        try
        {
            await handler(notification, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OutOfMemoryException))
        {
            // Forgotten, so that WeChat Pay's retry is processed; the cause goes to the log, not to WeChat Pay.
            await client.ForgetNotificationAsync(notification, CancellationToken.None).ConfigureAwait(false);
            log?.LogError(e, "The handler failed for WeChat Pay notification {Id} ({EventType}); WeChat Pay will send it again", notification.Id, notification.EventType);
            await AnswerAsync(context, 500, "the merchant could not process the notification", ct).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = 204;
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

    // The documented failure answer: {"code":"FAIL","message":"…"}.
    private static Task AnswerAsync(HttpContext context, int status, string message, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var json = new JObject { ["code"] = "FAIL", ["message"] = message }.ToString(Formatting.None);
        return context.Response.WriteAsync(json, Encoding.UTF8, ct);
    }
}
