using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <content>The streams a bill is written through: encrypted part by part (AES-256-GCM), or only digested.</content>
internal sealed partial class SandboxBills
{
    private sealed class GcmWriter : Stream
    {
        private readonly Stream _output;
        private readonly Org.BouncyCastle.Crypto.Modes.GcmBlockCipher _gcm;

        public GcmWriter(Stream output, string algorithm, byte[] key, byte[] nonce)
        {
            _output = output;
            _gcm = new Org.BouncyCastle.Crypto.Modes.GcmBlockCipher(algorithm == "SM4_GCM"
                ? new Org.BouncyCastle.Crypto.Engines.SM4Engine() : new Org.BouncyCastle.Crypto.Engines.AesEngine());
            _gcm.Init(true, new Org.BouncyCastle.Crypto.Parameters.AeadParameters(new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key), 128, nonce));
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            var sealedBytes = new byte[_gcm.GetUpdateOutputSize(count)];
            _output.Write(sealedBytes, 0, _gcm.ProcessBytes(buffer, offset, count, sealedBytes, 0));
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var sealedBytes = new byte[_gcm.GetUpdateOutputSize(count)];
            var n = _gcm.ProcessBytes(buffer, offset, count, sealedBytes, 0);
            await _output.WriteAsync(sealedBytes.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            await WriteAsync(buffer.ToArray(), 0, buffer.Length, cancellationToken).ConfigureAwait(false);

        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            var tail = new byte[_gcm.GetOutputSize(0)];
            var n = _gcm.DoFinal(tail, 0);
            await _output.WriteAsync(tail.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        }

        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    // A write-only stream that only digests.
    private sealed class DigestSink : Stream
    {
        private readonly IncrementalHash _hash;

        public DigestSink(IncrementalHash hash) => _hash = hash;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => _hash.AppendData(buffer, offset, count);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _hash.AppendData(buffer, offset, count);
            return Task.CompletedTask;
        }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _hash.AppendData(buffer.Span);
            return ValueTask.CompletedTask;
        }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
