using Microsoft.CodeAnalysis.Scripting;

namespace WeChatPay.Chain.Tests.Docs;

/// <summary>The host object of a docs sample: <c>wxpay</c> is a ready client.</summary>
public sealed class SampleGlobals
{
    /// <summary>What a docs sample may use without a using directive of its own.</summary>
    public static readonly ScriptOptions ScriptOptions = ScriptOptions.Default
        .WithReferences(typeof(WeChatPayClient).Assembly, typeof(WeChatPay.Chain.Models.PayTransactionsJsapiPostRequest).Assembly,
            typeof(Microsoft.CSharp.RuntimeBinder.Binder).Assembly,
            typeof(Newtonsoft.Json.Linq.JToken).Assembly, typeof(System.Dynamic.DynamicObject).Assembly)
        .WithImports("System", "System.Collections.Generic", "System.Threading", "System.Threading.Tasks", "WeChatPay.Chain", "Newtonsoft.Json.Linq");

    public SampleGlobals(WeChatPayClient wxpay) => this.wxpay = wxpay;

    // The samples call the client `wxpay`, as the docs do.
#pragma warning disable IDE1006
    public WeChatPayClient wxpay { get; }
#pragma warning restore IDE1006
}
