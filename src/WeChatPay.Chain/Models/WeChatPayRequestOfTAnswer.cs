namespace WeChatPay.Chain;

/// <summary>
/// A typed request whose operation answers <typeparamref name="TAnswer"/>: the verbs that take it return a
/// <see cref="WeChatPayResponse{TModel}"/> whose <see cref="WeChatPayResponse{TModel}.Model"/> is that answer.
/// </summary>
/// <typeparam name="TAnswer">The operation's answer type.</typeparam>
public abstract class WeChatPayRequest<TAnswer> : WeChatPayRequest
    where TAnswer : WeChatPayModel
{
    /// <summary>Only generated types derive from this one.</summary>
    protected WeChatPayRequest()
    {
    }
}
