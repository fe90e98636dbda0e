using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using WeChatPay.Chain.Benchmarks.Support;

namespace WeChatPay.Chain.Benchmarks;

/// <summary>
/// A 50 MB download through the client into a sink that keeps nothing, against a hand-written <c>HttpClient</c> copy of
/// the same stream: the allocation column shows what streaming costs (goal: far below the file's size). The file comes
/// from an in-process handler that generates it without allocating, so that only the client's allocations are counted.
/// </summary>
[Config(typeof(DownloadConfig))]
[MemoryDiagnoser]
public class DownloadBenchmarks
{
    public const long FileSize = 50L * 1024 * 1024;

    private WeChatPayClient _client = null!;
    private HttpClient _baseline = null!;
    private string _sha1 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new FileHandler();
        var options = BenchKeys.Options();
        options.HttpMessageHandler = handler;
        _client = new WeChatPayClient(options);
        _baseline = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(WeChatPayOptions.DefaultBaseUrl) };
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        using (var file = new RepeatingStream(FileSize))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = file.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, read);
        }
        _sha1 = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        if (Client_Download_Checked().GetAwaiter().GetResult() != FileSize || Baseline_HttpClient_Copy().GetAwaiter().GetResult() != FileSize)
            throw new InvalidOperationException("A subject did not download the whole file.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _baseline.Dispose();
    }

    /// <summary>The client: <c>GET v3/billdownload/file</c> streamed, its SHA1 computed and checked on the way.</summary>
    [Benchmark]
    public async Task<long> Client_Download_Checked()
    {
        using var sink = new CountingSink();
        var download = await Files.FileDownload.DownloadAsync(_client.Setup.Pipeline, Paths.PathTemplate.Root.AppendPath("v3/billdownload/file"), new { token = "bench" }, null,
            sink, decompress: false, "SHA1", _sha1, CancellationToken.None).ConfigureAwait(false);
        return download.Length;
    }

    /// <summary>The client's plain download (no digest).</summary>
    [Benchmark]
    public async Task<long> Client_Download()
    {
        using var sink = new CountingSink();
        WeChatPayDownload download = await ((dynamic)_client).V3.Billdownload.File.DownloadAsync(sink, new { token = "bench" });
        return download.Length;
    }

    /// <summary>Hand-written: the response stream copied to the sink, unsigned.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> Baseline_HttpClient_Copy()
    {
        using var sink = new CountingSink();
        using var response = await _baseline.GetAsync("v3/billdownload/file?token=bench", HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await stream.CopyToAsync(sink).ConfigureAwait(false);
        return sink.Length;
    }

    // Answers every request with FileSize bytes generated as they are read.
    private sealed class FileHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StreamContent(new RepeatingStream(FileSize), 81920) });
    }

    // CSV-like bytes, the same 4 KiB block over and over, without allocating.
    private sealed class RepeatingStream : Stream
    {
        private static readonly byte[] Block = System.Text.Encoding.UTF8.GetBytes(string.Concat(System.Linq.Enumerable.Repeat("`2025-11-21 10:00:00,`wxd678efh567hg6787,`1900000001,`4200000000000000001,`SUCCESS,`0.01\r\n", 64)));
        private readonly long _length;
        private long _position;

        public RepeatingStream(long length) => _length = length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _length - _position);
            for (var done = 0; done < n;)
            {
                var at = (int)((_position + done) % Block.Length);
                var take = Math.Min(n - done, Block.Length - at);
                Buffer.BlockCopy(Block, at, buffer, offset + done, take);
                done += take;
            }
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class CountingSink : Stream
    {
        private long _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _written += count;
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _written += count;
            return Task.CompletedTask;
        }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _written += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A few iterations: each one moves 50 MB.</summary>
    public sealed class DownloadConfig : BenchConfig
    {
        protected override int Iterations => 6;
    }
}
