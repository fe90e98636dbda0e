using System;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>A clock that always says the same instant, so that an answer signed once verifies on every iteration.</summary>
internal sealed class FixedClock : TimeProvider
{
    private readonly DateTimeOffset _now;

    public FixedClock(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
}
