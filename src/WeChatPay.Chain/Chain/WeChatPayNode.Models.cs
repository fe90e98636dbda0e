using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using WeChatPay.Chain.Shared;

namespace WeChatPay.Chain;

// The verbs for a typed request (package WeChatPay.Chain.Models): the same call as with an anonymous object, whose answer is
// also read as the operation's answer type. The object overloads take a typed request too; these add the typed answer.
// RS0026 (several overloads with optional parameters): each verb has an object overload and a typed-request overload with the
// same optional options and token; they differ in their first parameter's type, so a call binds to one of them unambiguously.
#pragma warning disable RS0026
public partial class WeChatPayNode
{
    /// <summary>Sends <paramref name="request"/> as a GET (its path, query and body members where the documentation puts them); the answer's <c>Model</c> is <typeparamref name="TAnswer"/>.</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's: its method is not GET, or this node is not its path.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse<TAnswer>> GetAsync<TAnswer>(WeChatPayRequest<TAnswer> request, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default)
        where TAnswer : WeChatPayModel => TypedAsync<TAnswer>(HttpMethod.Get, request, options, cancellationToken);

    /// <summary>Sends <paramref name="request"/> as a GET with no request options.</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse<TAnswer>> GetAsync<TAnswer>(WeChatPayRequest<TAnswer> request, CancellationToken cancellationToken)
        where TAnswer : WeChatPayModel => TypedAsync<TAnswer>(HttpMethod.Get, request, null, cancellationToken);

    /// <summary>Sends <paramref name="request"/> as a GET and waits for the typed answer (for scripts).</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse<TAnswer> Get<TAnswer>(WeChatPayRequest<TAnswer> request, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default)
        where TAnswer : WeChatPayModel => SyncOverAsync.Run(() => TypedAsync<TAnswer>(HttpMethod.Get, request, options, cancellationToken));

    /// <summary>Sends <paramref name="request"/> as a POST (its path, query and body members where the documentation puts them); the answer's <c>Model</c> is <typeparamref name="TAnswer"/>.</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's: its method is not POST, or this node is not its path.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse<TAnswer>> PostAsync<TAnswer>(WeChatPayRequest<TAnswer> request, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default)
        where TAnswer : WeChatPayModel => TypedAsync<TAnswer>(HttpMethod.Post, request, options, cancellationToken);

    /// <summary>Sends <paramref name="request"/> as a POST with no request options.</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse<TAnswer>> PostAsync<TAnswer>(WeChatPayRequest<TAnswer> request, CancellationToken cancellationToken)
        where TAnswer : WeChatPayModel => TypedAsync<TAnswer>(HttpMethod.Post, request, null, cancellationToken);

    /// <summary>Sends <paramref name="request"/> as a POST and waits for the typed answer (for scripts).</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse<TAnswer> Post<TAnswer>(WeChatPayRequest<TAnswer> request, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default)
        where TAnswer : WeChatPayModel => SyncOverAsync.Run(() => TypedAsync<TAnswer>(HttpMethod.Post, request, options, cancellationToken));

    /// <summary>Sends <paramref name="request"/> as a PUT (its path, query and body members where the documentation puts them); the answer's <c>Model</c> is <typeparamref name="TAnswer"/>.</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's: its method is not PUT, or this node is not its path.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse<TAnswer>> PutAsync<TAnswer>(WeChatPayRequest<TAnswer> request, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default)
        where TAnswer : WeChatPayModel => TypedAsync<TAnswer>(HttpMethod.Put, request, options, cancellationToken);

    /// <summary>Sends <paramref name="request"/> as a PUT with no request options.</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse<TAnswer>> PutAsync<TAnswer>(WeChatPayRequest<TAnswer> request, CancellationToken cancellationToken)
        where TAnswer : WeChatPayModel => TypedAsync<TAnswer>(HttpMethod.Put, request, null, cancellationToken);

    /// <summary>Sends <paramref name="request"/> as a PUT and waits for the typed answer (for scripts).</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse<TAnswer> Put<TAnswer>(WeChatPayRequest<TAnswer> request, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default)
        where TAnswer : WeChatPayModel => SyncOverAsync.Run(() => TypedAsync<TAnswer>(HttpMethod.Put, request, options, cancellationToken));

    /// <summary>Sends <paramref name="request"/> as a PATCH (its path, query and body members where the documentation puts them); the answer's <c>Model</c> is <typeparamref name="TAnswer"/>.</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's: its method is not PATCH, or this node is not its path.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse<TAnswer>> PatchAsync<TAnswer>(WeChatPayRequest<TAnswer> request, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default)
        where TAnswer : WeChatPayModel => TypedAsync<TAnswer>(PatchMethod, request, options, cancellationToken);

    /// <summary>Sends <paramref name="request"/> as a PATCH with no request options.</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse<TAnswer>> PatchAsync<TAnswer>(WeChatPayRequest<TAnswer> request, CancellationToken cancellationToken)
        where TAnswer : WeChatPayModel => TypedAsync<TAnswer>(PatchMethod, request, null, cancellationToken);

    /// <summary>Sends <paramref name="request"/> as a PATCH and waits for the typed answer (for scripts).</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse<TAnswer> Patch<TAnswer>(WeChatPayRequest<TAnswer> request, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default)
        where TAnswer : WeChatPayModel => SyncOverAsync.Run(() => TypedAsync<TAnswer>(PatchMethod, request, options, cancellationToken));

    /// <summary>Sends <paramref name="request"/> as a DELETE (its path, query and body members where the documentation puts them); the answer's <c>Model</c> is <typeparamref name="TAnswer"/>.</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's: its method is not DELETE, or this node is not its path.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse<TAnswer>> DeleteAsync<TAnswer>(WeChatPayRequest<TAnswer> request, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default)
        where TAnswer : WeChatPayModel => TypedAsync<TAnswer>(HttpMethod.Delete, request, options, cancellationToken);

    /// <summary>Sends <paramref name="request"/> as a DELETE with no request options.</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse<TAnswer>> DeleteAsync<TAnswer>(WeChatPayRequest<TAnswer> request, CancellationToken cancellationToken)
        where TAnswer : WeChatPayModel => TypedAsync<TAnswer>(HttpMethod.Delete, request, null, cancellationToken);

    /// <summary>Sends <paramref name="request"/> as a DELETE and waits for the typed answer (for scripts).</summary>
    /// <exception cref="System.ArgumentException">The request is another operation's.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse<TAnswer> Delete<TAnswer>(WeChatPayRequest<TAnswer> request, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default)
        where TAnswer : WeChatPayModel => SyncOverAsync.Run(() => TypedAsync<TAnswer>(HttpMethod.Delete, request, options, cancellationToken));

    private async Task<WeChatPayResponse<TAnswer>> TypedAsync<TAnswer>(HttpMethod method, WeChatPayRequest<TAnswer> request, WeChatPayRequestOptions? options,
        CancellationToken cancellationToken)
        where TAnswer : WeChatPayModel =>
        new WeChatPayResponse<TAnswer>(await _pipeline.SendAsync(method, _path, request ?? throw new System.ArgumentNullException(nameof(request)), options, cancellationToken)
            .ConfigureAwait(false));
}
#pragma warning restore RS0026
