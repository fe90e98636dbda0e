using System;
using Microsoft.CodeAnalysis.CSharp.Scripting;
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

    // An empty script on these options and globals, compiled once: Roslyn binds the referenced assemblies (the library's
    // typed chain and the models are large) once for it, and every submission continued from it shares that binding.
    private static readonly Lazy<Script<object>> Empty = new(() =>
    {
        var empty = CSharpScript.Create(string.Empty, ScriptOptions, typeof(SampleGlobals));
        empty.Compile();
        return empty;
    });

    /// <summary>A docs sample as a script with these globals: compiled as the submission after an empty one, alone (no other
    /// sample's code precedes it), in a fraction of the time a script of its own takes to bind the references.</summary>
    public static Script<object> Script(string code) => Empty.Value.ContinueWith(code);

    public SampleGlobals(WeChatPayClient wxpay) => this.wxpay = wxpay;

    // The samples call the client `wxpay`, as the docs do.
#pragma warning disable IDE1006
    public WeChatPayClient wxpay { get; }
#pragma warning restore IDE1006
}
