namespace WeChatPay.Chain;

/// <summary>How one check of <see cref="WeChatPayClient.DiagnoseAsync(System.Threading.CancellationToken)"/> ended.</summary>
public enum WeChatPayCheckOutcome
{
    /// <summary>The check passed.</summary>
    Passed,

    /// <summary>It works now, but something will fail later or is not as WeChat Pay recommends (a certificate about to expire, a clock 2 minutes off).</summary>
    Warning,

    /// <summary>The check failed: calls or callbacks fail, or will; <see cref="WeChatPayCheck.Fix"/> says what to do.</summary>
    Failed,

    /// <summary>The check did not apply (nothing of it is configured) or could not run (an earlier check failed).</summary>
    Skipped,
}
