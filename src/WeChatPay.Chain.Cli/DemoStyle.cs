using System;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Cli;

/// <summary>One of the six call styles of the docs: async/sync × pure chain / declarative / indexer.</summary>
internal sealed class DemoStyle
{
    private DemoStyle(string name, Func<WeChatPayClient, SeedOperation, object, Task<WeChatPayResponse>> call)
    {
        Name = name;
        Call = call;
    }

    /// <summary>How the docs name the style.</summary>
    public string Name { get; }

    /// <summary>Sends the operation with a body in this style.</summary>
    public Func<WeChatPayClient, SeedOperation, object, Task<WeChatPayResponse>> Call { get; }

    /// <summary>The six styles, written exactly as a user writes them.</summary>
    public static readonly DemoStyle[] All =
    {
        new DemoStyle("async chain", async (w, op, body) => await op.Chain(w).PostAsync(body)),
        new DemoStyle("async Chain()", (w, op, body) => w.Chain(op.Path).PostAsync(body)),
        new DemoStyle("async indexer", (w, op, body) => w[op.Path].PostAsync(body)),
        new DemoStyle("sync chain", (w, op, body) => Task.FromResult<WeChatPayResponse>(op.Chain(w).Post(body))),
        new DemoStyle("sync Chain()", (w, op, body) => Task.FromResult(w.Chain(op.Path).Post(body))),
        new DemoStyle("sync indexer", (w, op, body) => Task.FromResult(w[op.Path].Post(body))),
    };
}
