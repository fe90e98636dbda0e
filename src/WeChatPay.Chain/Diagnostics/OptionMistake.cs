using System;

namespace WeChatPay.Chain.Diagnostics;

/// <summary>The finding of a check from the <see cref="ArgumentException"/> a setting was refused with: its message without the runtime's " (Parameter '…')" suffix.</summary>
internal static class OptionMistake
{
    public static string Finding(ArgumentException e)
    {
        var suffix = e.ParamName is null ? null : " (Parameter '" + e.ParamName + "')";
        return suffix is not null && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message.Substring(0, e.Message.Length - suffix.Length) : e.Message;
    }
}
