using System;
using System.Globalization;

namespace WeChatPay.Chain.Http;

/// <summary>A gzip download inflated past <see cref="WeChatPayOptions.MaxDecompressedBillSize"/> and was stopped there; the pipeline reports it as a <see cref="WeChatPayException"/> of the call.</summary>
internal sealed class DecompressionLimitException : Exception
{
    public DecompressionLimitException(long limit)
        : base($"the gzip file inflates to more than WeChatPayOptions.MaxDecompressedBillSize ({limit.ToString(CultureInfo.InvariantCulture)} bytes), " +
            "so it was stopped there: do not use what was written. If the bill is legitimately that large, raise MaxDecompressedBillSize")
    {
    }
}
