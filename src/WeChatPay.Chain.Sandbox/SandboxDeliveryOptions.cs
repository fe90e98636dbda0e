using System;
using System.Collections.Generic;
using System.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// How <see cref="WeChatPaySandbox.NotifyAsync"/> delivers one notification; the defaults are WeChat Pay's: one copy per
/// attempt, 5 s to answer 2xx, then <see cref="WeChatPaySchedule"/> between attempts.
/// </summary>
public sealed class SandboxDeliveryOptions
{
    private const int MaxCopies = 10;

    // The longest Timeout, Delay or interval of the schedule (WeChat Pay's longest is 6 h).
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    /// <summary>
    /// WeChat Pay's documented waits between attempts: 15s, 15s, 30s, 3m, 10m, 20m, 30m, 30m, 30m, 60m, 3h, 3h, 3h, 6h,
    /// 6h (about a day, sixteen attempts in all).
    /// </summary>
    public static IReadOnlyList<TimeSpan> WeChatPaySchedule { get; } = new[]
    {
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3),
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30),
        TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60), TimeSpan.FromHours(3), TimeSpan.FromHours(3),
        TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(6),
    };

    /// <summary>
    /// The receivers (absolute http(s) URLs, the merchant's <c>notify_url</c> behind a load balancer): each delivery goes to
    /// the next in turn, across copies and attempts, starting with the first. At least one, unless <see cref="Withhold"/>.
    /// </summary>
    public IList<string> Receivers { get; set; } = new List<string>();

    /// <summary>How many copies each attempt sends at the same moment (1 to 10; 1 unless set), as WeChat Pay now and then delivers one notification twice at once.</summary>
    public int Copies { get; set; } = 1;

    /// <summary>How long a copy may take to be answered (5 s unless set; at most a day); a copy still unanswered then is cancelled and counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The waits after each failed attempt before the next (<see cref="WeChatPaySchedule"/> unless set): an attempt more
    /// than it has entries in all, then the delivery gives up. Empty: one attempt only. Each at most a day.
    /// </summary>
    public IReadOnlyList<TimeSpan> RetrySchedule { get; set; } = WeChatPaySchedule;

    /// <summary>A wait before the first attempt (none unless set; at most a day): a notification that comes late.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Whether the notification is never delivered (false unless set); the sandbox still records what it says, so queries answer it.</summary>
    public bool Withhold { get; set; }

    /// <summary>The options checked and copied, so that changing them later changes no delivery under way.</summary>
    /// <exception cref="ArgumentException">An option is unusable.</exception>
    internal Plan Check()
    {
        if (Copies < 1 || Copies > MaxCopies)
            throw new ArgumentException($"Copies must be between 1 and {MaxCopies}; it is {Copies}.", nameof(Copies));
        if (Timeout <= TimeSpan.Zero || Timeout > MaxWait)
            throw new ArgumentException($"Timeout must be positive and at most {MaxWait}; it is {Timeout}.", nameof(Timeout));
        if (Delay < TimeSpan.Zero || Delay > MaxWait)
            throw new ArgumentException($"Delay must be between zero and {MaxWait}; it is {Delay}.", nameof(Delay));
        if (RetrySchedule is null)
            throw new ArgumentException("RetrySchedule is null; give an empty list for a single attempt.", nameof(RetrySchedule));
        var schedule = RetrySchedule.ToArray();
        for (var i = 0; i < schedule.Length; i++)
        {
            if (schedule[i] < TimeSpan.Zero || schedule[i] > MaxWait)
                throw new ArgumentException($"RetrySchedule[{i}] must be between zero and {MaxWait}; it is {schedule[i]}.", nameof(RetrySchedule));
        }
        if (Receivers is null)
            throw new ArgumentException("Receivers is null; give at least one receiver URL.", nameof(Receivers));
        var receivers = new Receiver[Receivers.Count];
        for (var i = 0; i < receivers.Length; i++)
        {
            var url = Receivers[i];
            if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"Receivers[{i}] must be an absolute http(s) URL.", nameof(Receivers));
            receivers[i] = new Receiver(url, target);
        }
        if (receivers.Length == 0 && !Withhold)
            throw new ArgumentException("Receivers is empty; give at least one receiver URL (or set Withhold).", nameof(Receivers));
        return new Plan(receivers, Copies, Timeout, schedule, Delay, Withhold);
    }

    /// <summary>A receiver as given and as parsed.</summary>
    internal sealed record Receiver(string Url, Uri Target);

    /// <summary>The checked options of one delivery.</summary>
    internal sealed record Plan(Receiver[] Receivers, int Copies, TimeSpan Timeout, TimeSpan[] RetrySchedule, TimeSpan Delay, bool Withhold);
}
