using System;
using System.IO;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Cli;

/// <summary>One of the four seed operations: its documented path, its pure-chain node, the answer field to show, and its seed payload.</summary>
internal sealed class SeedOperation
{
    private SeedOperation(string name, string path, string answerField, Func<WeChatPayClient, dynamic> chain)
    {
        Name = name;
        Path = path;
        AnswerField = answerField;
        Chain = chain;
    }

    /// <summary>The short name (also the seed payload's resource name).</summary>
    public string Name { get; }

    /// <summary>The documented path, e.g. <c>v3/eduschoolpay/contracts/presign</c>.</summary>
    public string Path { get; }

    /// <summary>The answer field the demo shows.</summary>
    public string AnswerField { get; }

    /// <summary>The node written in the pure chain style.</summary>
    public Func<WeChatPayClient, dynamic> Chain { get; }

    /// <summary>A fresh copy of the seed payload (plaintext; the client encrypts what the docs mark).</summary>
    public JObject Payload()
    {
        using var stream = typeof(SeedOperation).Assembly.GetManifestResourceStream("Seeds." + Name + ".json")
            ?? throw new InvalidOperationException($"The seed payload {Name} is not embedded.");
        using var reader = new StreamReader(stream);
        return JObject.Parse(reader.ReadToEnd());
    }

    /// <summary>The four operations the product was specified from.</summary>
    public static readonly SeedOperation[] All =
    {
        new SeedOperation("eduschoolpay-contracts-presign", "v3/eduschoolpay/contracts/presign", "presign_token",
            w => w.V3.Eduschoolpay.Contracts.Presign),
        new SeedOperation("ecommerce-combine-papay-pre-entrust-sign", "v3/ecommerce/combine-papay/contracts/pre-entrust-sign", "pre_entrustweb_id",
            w => w.V3.Ecommerce.CombinePapay.Contracts.PreEntrustSign),
        new SeedOperation("papay-scheduled-deduct-sign-jsapi", "v3/papay/scheduled-deduct-sign/partner/contracts/pre-entrust-sign/jsapi", "redirect_url",
            w => w.V3.Papay.ScheduledDeductSign.Partner.Contracts.PreEntrustSign.Jsapi),
        new SeedOperation("papay-sign-pre-entrust-sign", "v3/papay/sign/contracts/pre-entrust-sign", "pre_entrustweb_id",
            w => w.V3.Papay.Sign.Contracts.PreEntrustSign),
    };
}
