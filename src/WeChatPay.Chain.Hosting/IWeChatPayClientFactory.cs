using WeChatPay.Chain;

namespace WeChatPay.Chain.Hosting;

/// <summary>The registered merchants' clients, by name; each created once, on first use, and disposed with the container.</summary>
public interface IWeChatPayClientFactory
{
    /// <summary>The client of the merchant registered under <paramref name="name"/> (<c>""</c>: the one registered without a name).</summary>
    /// <exception cref="System.InvalidOperationException">No merchant is registered under that name.</exception>
    WeChatPayClient Get(string name);
}
