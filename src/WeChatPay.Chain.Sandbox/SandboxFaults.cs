using System;
using System.Threading;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// The fault switches of a running sandbox. Settable at any time from any thread: <see cref="Next"/> applies to the
/// next request only, <see cref="Always"/> to every request until it is set back to <see cref="SandboxFault.None"/>.
/// </summary>
/// <remarks>
/// A fault is taken when a request arrives, before any check. The signature faults change the signed headers of
/// whatever the sandbox answers (the client only verifies 2xx answers); the others replace the answer.
/// </remarks>
public sealed class SandboxFaults
{
    private static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(5);

    private int _next;
    private int _always;
    private long _delayTicks = DefaultDelay.Ticks;

    /// <summary>A one-shot fault for the next request; reset to <see cref="SandboxFault.None"/> when that request takes it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="SandboxFault"/>.</exception>
    public SandboxFault Next
    {
        get => (SandboxFault)Volatile.Read(ref _next);
        set => Volatile.Write(ref _next, (int)Checked(value));
    }

    /// <summary>A persistent fault for every request (a pending <see cref="Next"/> wins once).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="SandboxFault"/>.</exception>
    public SandboxFault Always
    {
        get => (SandboxFault)Volatile.Read(ref _always);
        set => Volatile.Write(ref _always, (int)Checked(value));
    }

    /// <summary>How long <see cref="SandboxFault.SlowResponse"/> waits before answering; 5 seconds unless set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or longer than ten minutes.</exception>
    public TimeSpan SlowResponseDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromMinutes(10))
                throw new ArgumentOutOfRangeException(nameof(value), value, "SlowResponseDelay must be between zero and ten minutes.");
            Interlocked.Exchange(ref _delayTicks, value.Ticks);
        }
    }

    /// <summary>Switches every fault off and restores the default delay.</summary>
    public void Clear()
    {
        Volatile.Write(ref _next, 0);
        Volatile.Write(ref _always, 0);
        Interlocked.Exchange(ref _delayTicks, DefaultDelay.Ticks);
    }

    /// <summary>Takes the fault for one arriving request: the pending one-shot fault if any (atomically cleared), else the persistent one.</summary>
    internal SandboxFault Take()
    {
        var once = (SandboxFault)Interlocked.Exchange(ref _next, 0);
        return once != SandboxFault.None ? once : Always;
    }

    private static SandboxFault Checked(SandboxFault value) =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined SandboxFault.");
}
