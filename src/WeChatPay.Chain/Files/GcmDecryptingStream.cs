using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.Files;

/// <summary>
/// Decrypts a GCM file (ciphertext‖16-byte tag, no associated data) as it is read, in chunks: AES-256 for a 32-byte
/// key, SM4 for a 16-byte one. The plaintext is released before the tag is checked, so its reader must not act on it
/// before the end: the last read checks the tag and throws <see cref="CryptographicException"/> when it does not match.
/// BouncyCastle's GCM, since .NET's <c>AesGcm</c> only decrypts a message whole and has no SM4.
/// </summary>
internal sealed class GcmDecryptingStream : ReadOnlyStream
{
    private const int TagBits = 128;

    private readonly Stream _source;
    private readonly GcmBlockCipher _gcm;
    private byte[] _input = Array.Empty<byte>();
    private byte[] _output = Array.Empty<byte>();
    private int _outputStart;
    private int _outputEnd;

    /// <param name="source">The ciphertext‖tag.</param>
    /// <param name="key">32 bytes (AEAD_AES_256_GCM) or 16 bytes (SM4_GCM); copied, so the caller may clear it.</param>
    /// <param name="nonce">The nonce bytes (any length GCM allows; WeChat Pay's are the UTF-8 of a random string).</param>
    /// <param name="associatedData">None for a bill; given only to check the cipher against published vectors.</param>
    public GcmDecryptingStream(Stream source, byte[] key, byte[] nonce, byte[]? associatedData = null)
    {
        _source = source;
        IBlockCipher engine = key.Length switch
        {
            32 => new AesEngine(),
            16 => new SM4Engine(),
            _ => throw new ArgumentException("A GCM file key is 32 bytes (AES-256) or 16 bytes (SM4).", nameof(key)),
        };
        _gcm = new GcmBlockCipher(engine);
        _gcm.Init(false, new AeadParameters(new KeyParameter(key), TagBits, nonce, associatedData));
    }

    /// <summary>Whether the end was read and the tag matched.</summary>
    public bool Completed { get; private set; }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        while (_outputStart == _outputEnd)
        {
            if (Completed) return 0;
            if (_input.Length < count) _input = new byte[Math.Max(count, 16 * 1024)];
            var read = await _source.ReadAsync(_input, 0, _input.Length, cancellationToken).ConfigureAwait(false);
            _outputStart = 0;
            if (read > 0)
            {
                Reserve(_gcm.GetUpdateOutputSize(read));
                _outputEnd = _gcm.ProcessBytes(_input, 0, read, _output, 0);
                continue;
            }
            Reserve(_gcm.GetOutputSize(0));
            try
            {
                _outputEnd = _gcm.DoFinal(_output, 0);
            }
            catch (InvalidCipherTextException e)
            {
                throw new CryptographicException("the GCM tag does not match: the file was altered or cut short, or it was decrypted with the wrong key or nonce", e);
            }
            Completed = true;
        }
        var n = Math.Min(count, _outputEnd - _outputStart);
        Buffer.BlockCopy(_output, _outputStart, buffer, offset, n);
        _outputStart += n;
        return n;
    }

    private void Reserve(int size)
    {
        if (_output.Length < size) _output = new byte[Math.Max(size, 16 * 1024 + 32)];
    }
}
