using System;
using Microsoft.Extensions.Options;
using WeChatPay.Chain;

namespace WeChatPay.Chain.Hosting;

// At start (ValidateOnStart) and on first use: the options of a registered merchant make a client, or the host does not
// start, with the message construction gives (what is wrong and how to fix it, never the key itself).
internal sealed class WeChatPayOptionsValidation : IValidateOptions<WeChatPayOptions>
{
    private readonly WeChatPayRegistrations _registered;

    public WeChatPayOptionsValidation(WeChatPayRegistrations registered) => _registered = registered;

    public ValidateOptionsResult Validate(string? name, WeChatPayOptions options)
    {
        name ??= Options.DefaultName;
        if (!_registered.Contains(name)) return ValidateOptionsResult.Skip;
        try
        {
            using var client = new WeChatPayClient(options.Clone());
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"WeChat Pay merchant {(name.Length == 0 ? "(default)" : "'" + name + "'")}: {e.Message}");
        }
    }
}
