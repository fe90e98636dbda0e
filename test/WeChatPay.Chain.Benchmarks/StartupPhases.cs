using System;
using System.Diagnostics;
using System.IO;
using WeChatPay.Chain.Benchmarks.Support;

namespace WeChatPay.Chain.Benchmarks;

/// <summary>
/// Where a fresh process's start-up goes (<c>--startup-phases</c>): each piece a client is built from, timed with a
/// stopwatch the first time (load, JIT and work) and a second time (the work alone), in the order a client meets them.
/// Run it in a fresh process per reading; it prints one line per phase.
/// </summary>
internal static class StartupPhases
{
    public static int Run()
    {
        var options = BenchKeys.Options();
        var pem = File.ReadAllText(options.MerchantPrivateKey);
        Twice("merchant key, parsed and checked by BouncyCastle", () => Crypto.PemKeyReader.ReadPrivateKey(pem, null, "MerchantPrivateKey"));
        Twice("merchant key, read and checked by System.Security.Cryptography", () => Crypto.PlatformKeyImport.TryPrivateKey(pem)!.Dispose());
        var parsed = Crypto.PemKeyReader.ReadPrivateKey(pem, null, "MerchantPrivateKey");
        Twice("merchant key, imported into System.Security.Cryptography", () => Crypto.RsaSupport.TryCreatePlatformKey(parsed)?.Dispose());
        Twice("merchant key, RSA.ImportFromPem alone (for comparison)", () =>
        {
            using var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportFromPem(pem);
        });
        Twice("merchant key, as the client loads it (RsaPrivateKey.Load)", () => Crypto.RsaPrivateKey.Load(options.MerchantPrivateKey, null, "MerchantPrivateKey"));
        Twice("operation catalog, decompressed alone (for comparison)", () =>
        {
            using var gzip = new System.IO.Compression.GZipStream(typeof(WeChatPayClient).Assembly.GetManifestResourceStream(Catalog.OperationCatalog.ResourceName)!, System.IO.Compression.CompressionMode.Decompress);
            gzip.CopyTo(new MemoryStream());
        });
        Twice("operation catalog (decompress and index)", () => _ = Catalog.OperationCatalog.Load(typeof(WeChatPayClient).Assembly.GetManifestResourceStream(Catalog.OperationCatalog.ResourceName)!).Operations.Count);
        // Before Newtonsoft's own serializer, so that its first time holds the JsonTextWriter it shares with it.
        Twice("an anonymous body as the library writes it (walked, no contract serializer)", () => Shared.WeChatPayJson.Serialize(new { a = 1, b = new { c = "d" } }));
        Twice("Newtonsoft.Json, first serialization", () => Newtonsoft.Json.JsonConvert.SerializeObject(new { a = 1 }));
        Twice("telemetry: the client's ActivitySource and Meter (System.Diagnostics)", () =>
            System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(WeChatPay.Chain.Http.CallObserver).TypeHandle));
        Twice("Flurl client", () => new Flurl.Http.FlurlClient("https://api.mch.weixin.qq.com/").Dispose());
        Twice("WeChatPayClient constructed", () => new WeChatPayClient(options).Dispose());
        return 0;
    }

    private static void Twice(string phase, Action action)
    {
        var first = Stopwatch.StartNew();
        action();
        first.Stop();
        var second = Stopwatch.StartNew();
        action();
        second.Stop();
        Console.WriteLine(FormattableString.Invariant($"{phase}: {first.Elapsed.TotalMilliseconds:F1} ms first, {second.Elapsed.TotalMilliseconds:F1} ms again"));
    }
}
