using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>One client shared by many tasks: every answer verified, each answer belongs to its own request, none lost.</summary>
public class ConcurrencyTests
{
    [Test]
    public async Task Two_thousand_requests_over_32_tasks_through_one_client_stay_apart()
    {
        const int requests = 2000;
        const int tasks = 32;
        await using var sandbox = await WeChatPaySandbox.StartAsync();
        using var client = new WeChatPayClient(sandbox.ClientOptions());
        var next = -1;
        var answered = new ConcurrentDictionary<string, string>();
        var problems = new ConcurrentQueue<string>();

        var workers = Enumerable.Range(0, tasks).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var code = $"C{i:D5}";
                // The sandbox echoes out_contract_code in this operation's answer: a cross-talk would show as a mismatch.
                WeChatPayResponse res = await client.V3.Ecommerce.CombinePapay.Contracts.PreEntrustSign.PostAsync(new
                {
                    appid = "wxd678efh567hg6787",
                    plan_id = 12535,
                    out_contract_code = code,
                    contract_display_account = "用户" + i,
                    notify_url = "https://yourapp.com/notify",
                });
                var echoed = (string?)res.Json?["out_contract_code"];
                if (echoed != code) problems.Enqueue($"{code} came back as {echoed}");
                if (!answered.TryAdd(res.RequestId ?? "?", code)) problems.Enqueue($"Request-ID {res.RequestId} seen twice");
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.That(problems, Is.Empty, string.Join("\n", problems.Take(10)));
        Assert.That(answered, Has.Count.EqualTo(requests), "every request answered once");
        Assert.That(sandbox.Calls.Count(c => c.StatusCode == 200), Is.EqualTo(requests), "the sandbox accepted every signature and nonce");
    }
}
