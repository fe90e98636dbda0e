namespace WeChatPay.Chain.Sandbox;

/// <summary>What <see cref="WeChatPaySandbox.CheckPayParameters"/> found: whether WeChat would start the payment, and if not, why.</summary>
public sealed class SandboxPaymentCheck
{
    internal SandboxPaymentCheck(bool accepted, string form, string? prepayId, string? problem)
    {
        Accepted = accepted;
        Form = form;
        PrepayId = prepayId;
        Problem = problem;
    }

    /// <summary>Whether every field is there and the signature verifies with the merchant public key.</summary>
    public bool Accepted { get; }

    /// <summary><c>jsapi</c> (JSAPI page or mini-program), <c>app</c>, or <c>unknown</c>.</summary>
    public string Form { get; }

    /// <summary>The prepay_id the parameters start, when they name one.</summary>
    public string? PrepayId { get; }

    /// <summary>Why they were refused; null when accepted.</summary>
    public string? Problem { get; }

    /// <inheritdoc />
    public override string ToString() => Accepted ? $"{Form} payment of {PrepayId} accepted" : $"{Form} pay parameters refused: {Problem}";
}
