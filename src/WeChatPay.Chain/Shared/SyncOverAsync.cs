using System;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Shared;

/// <summary>
/// The one place the library blocks on a task (the sync verbs, for scripts). The call runs on the thread pool, off any
/// synchronization context, so that waiting cannot deadlock a UI or legacy ASP.NET thread; its exception comes out unwrapped.
/// </summary>
internal static class SyncOverAsync
{
    public static T Run<T>(Func<Task<T>> call)
    {
#pragma warning disable RS0030 // the banned blocking wait, allowed here and nowhere else
        return Task.Run(call).GetAwaiter().GetResult();
#pragma warning restore RS0030
    }
}
