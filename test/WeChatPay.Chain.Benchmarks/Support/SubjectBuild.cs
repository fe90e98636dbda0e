using System;
using System.IO;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>
/// One build of <c>test/WeChatPay.Chain.Benchmarks.Subject</c> (built against one version of the library, see
/// <c>--before</c> of the Bench target), loaded with its own WeChatPay.Chain, Flurl, Newtonsoft.Json and BouncyCastle
/// into an <see cref="AssemblyLoadContext"/> of its own, so that two versions run side by side in one process. Only
/// framework types cross (the handler, the clock, delegates of tasks); the subject's client is reached by reflection.
/// </summary>
internal sealed class SubjectBuild : IDisposable
{
    public const string AssemblyName = "WeChatPay.Chain.Benchmarks.Subject";
    private const string TypeName = AssemblyName + ".PerCallSubject";

    private readonly IDisposable _subject;

    private SubjectBuild(string label, string version, object subject)
    {
        Label = label;
        LibraryVersion = version;
        _subject = (IDisposable)subject;
        var type = subject.GetType();
        Post = (Func<Task>)type.GetProperty("Post")!.GetValue(subject)!;
        Get = (Func<Task>)type.GetProperty("Get")!.GetValue(subject)!;
        PostBody = (Func<Task<string>>)type.GetProperty("PostBody")!.GetValue(subject)!;
        GetBody = (Func<Task<string>>)type.GetProperty("GetBody")!.GetValue(subject)!;
    }

    /// <summary>The build's name in the reports (<c>before</c>, <c>after</c>).</summary>
    public string Label { get; }

    /// <summary>The informational version of the WeChatPay.Chain this build loaded (it ends with the commit).</summary>
    public string LibraryVersion { get; }

    public Func<Task> Post { get; }

    public Func<Task> Get { get; }

    public Func<Task<string>> PostBody { get; }

    public Func<Task<string>> GetBody { get; }

    /// <summary>The folder of the build named <paramref name="label"/>, from the environment variable <c>WXPAY_BENCH_BUILD_{LABEL}</c>.</summary>
    public static string Folder(string label)
    {
        var variable = Variable(label);
        var folder = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(folder) || !File.Exists(Path.Combine(folder, AssemblyName + ".dll")))
            throw new InvalidOperationException($"{variable} must name a folder holding a build of {AssemblyName} (see --before in docs/benchmarks.md); it is '{folder}'.");
        return folder;
    }

    /// <summary>The environment variable that names the folder of the build <paramref name="label"/>; BenchmarkDotNet's child processes inherit it.</summary>
    public static string Variable(string label) => "WXPAY_BENCH_BUILD_" + label.ToUpperInvariant();

    /// <summary>Loads the build in <paramref name="folder"/> into a context of its own and makes its client on the test keys, sending through <paramref name="handler"/>.</summary>
    public static SubjectBuild Load(string label, string folder, HttpMessageHandler handler)
    {
        var main = Path.GetFullPath(Path.Combine(folder, AssemblyName + ".dll"));
        var context = new IsolatedContext(label, main);
        var assembly = context.LoadFromAssemblyPath(main);
        var type = assembly.GetType(TypeName, throwOnError: true)!;
        var version = (string)type.GetProperty("LibraryVersion", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var subject = Activator.CreateInstance(type, handler, (TimeProvider)new FixedClock(BenchKeys.Now), BenchKeys.MerchantId, BenchKeys.MerchantSerial,
            BenchKeys.MerchantKeyPath, BenchKeys.PublicKeyId, BenchKeys.PlatformPublicKeyPath, Payloads.PostBody, Payloads.GetQuery)!;
        return new SubjectBuild(label, version, subject);
    }

    public void Dispose() => _subject.Dispose();

    // Resolves the build's own assemblies from its folder (its .deps.json); the framework's come from the default context.
    private sealed class IsolatedContext : AssemblyLoadContext
    {
        private readonly AssemblyDependencyResolver _resolver;

        public IsolatedContext(string label, string main) : base("WeChatPay.Chain " + label)
        {
            _resolver = new AssemblyDependencyResolver(main);
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = _resolver.ResolveAssemblyToPath(assemblyName);
            return path is null ? null : LoadFromAssemblyPath(path);
        }
    }
}
