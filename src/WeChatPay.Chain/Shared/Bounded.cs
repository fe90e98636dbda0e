using System;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Shared;

/// <summary>
/// A call to something the client can do without (a shared certificate store, a shared callback memory): given a deadline,
/// and its failure turned into a sentence instead of an exception, so that the client goes on without it.
/// </summary>
internal static class Bounded
{
    /// <summary>The call's result, or its problem ("no answer within 3 s", the exception's type and message) when it failed or was late.</summary>
    public static async Task<(bool Done, T Result, string? Problem)> TryAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            var task = call(timeout.Token);
            if (await Task.WhenAny(task, Task.Delay(deadline, CancellationToken.None)).ConfigureAwait(false) == task)
                return (true, await task.ConfigureAwait(false), null);
            // Left to finish on its own; its failure, if any, is observed so that it is not reported as unobserved.
            _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return (false, default!, $"no answer within {deadline.TotalSeconds:0} s");
        }
        catch (Exception e) when (!(e is OutOfMemoryException))
        {
            return (false, default!, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary><see cref="TryAsync{T}"/> for a call without a result.</summary>
    public static async Task<string?> TryAsync(Func<CancellationToken, Task> call, TimeSpan deadline) =>
        (await TryAsync(async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        }, deadline).ConfigureAwait(false)).Problem;
}
