using System;
using System.Net.Http;
using System.Reflection;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Benchmarks.Subject;

/// <summary>
/// One client and its two calls (the seed POST and a GET with a path value and a query, both through
/// <c>Chain("…")</c>), sent through the in-process handler the benchmark program hands in. The program reaches this
/// class by reflection in an AssemblyLoadContext of its own, so only framework types cross: the handler, the clock,
/// strings and <see cref="Func{TResult}"/>s of tasks.
/// </summary>
public sealed class PerCallSubject : IDisposable
{
    private const string PostPath = "v3/papay/sign/contracts/pre-entrust-sign";
    private const string GetTemplate = "v3/pay/transactions/out-trade-no/{out_trade_no}";

    private readonly WeChatPayClient _client;
    private readonly object _postBody;
    private readonly object _getQuery;

    /// <summary>
    /// A client in public-key mode on the given merchant and platform key files and clock that sends through
    /// <paramref name="handler"/>. <paramref name="postBody"/> and <paramref name="getQuery"/> (<c>out_trade_no</c> for
    /// the path, <c>mchid</c> for the query) are the program's own objects, so that every build sends the same.
    /// </summary>
    public PerCallSubject(HttpMessageHandler handler, TimeProvider clock, string merchantId, string merchantSerial, string merchantKeyPath,
        string publicKeyId, string platformPublicKeyPath, object postBody, object getQuery)
    {
        var options = new WeChatPayOptions
        {
            MerchantId = merchantId,
            MerchantSerialNumber = merchantSerial,
            MerchantPrivateKey = merchantKeyPath,
            PlatformKeys = { [publicKeyId] = platformPublicKeyPath },
            TimeProvider = clock,
            HttpMessageHandler = handler, // public since issue 14: every call goes through it, no socket
        };
        _client = new WeChatPayClient(options);
        _postBody = postBody;
        _getQuery = getQuery;
        Post = () => _client.Chain(PostPath).PostAsync(_postBody);
        Get = () => _client.Chain(GetTemplate).GetAsync(_getQuery);
        PostBody = async () => (await _client.Chain(PostPath).PostAsync(_postBody).ConfigureAwait(false)).Body;
        GetBody = async () => (await _client.Chain(GetTemplate).GetAsync(_getQuery).ConfigureAwait(false)).Body;
    }

    /// <summary>The library version this subject was built against (its informational version, with the commit).</summary>
    public static string LibraryVersion =>
        typeof(WeChatPayClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(WeChatPayClient).Assembly.GetName().Version?.ToString() ?? "?";

    /// <summary><c>POST v3/papay/sign/contracts/pre-entrust-sign</c>: the client's task, as the benchmarks measure it (no wrapper).</summary>
    public Func<Task> Post { get; }

    /// <summary><c>GET v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=…</c>: the client's task, as measured.</summary>
    public Func<Task> Get { get; }

    /// <summary>The POST, returning its verified answer body (for the set-up checks).</summary>
    public Func<Task<string>> PostBody { get; }

    /// <summary>The GET, returning its verified answer body (for the set-up checks).</summary>
    public Func<Task<string>> GetBody { get; }

    public void Dispose() => _client.Dispose();
}
