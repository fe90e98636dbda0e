namespace WeChatPay.Chain.Cli.Repl;

/// <summary>What a <c>wxpay repl</c> prompt starts with: <c>wxpay</c>, and <c>sandbox</c> under <c>--sandbox</c>.</summary>
public sealed class ReplGlobals
{
    internal ReplGlobals(WeChatPayClient wxpay, Sandbox.WeChatPaySandbox? sandbox)
    {
        this.wxpay = wxpay;
        this.sandbox = sandbox;
    }

#pragma warning disable IDE1006, SA1300 // the names a script writes
    /// <summary>The client, built from the configuration or pointed at the sandbox.</summary>
    public WeChatPayClient wxpay { get; }

    /// <summary>The in-process sandbox under <c>--sandbox</c>, else null.</summary>
    public Sandbox.WeChatPaySandbox? sandbox { get; }
#pragma warning restore IDE1006, SA1300
}
