using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Files;

namespace WeChatPay.Chain.Tests.Files;

/// <summary>
/// The streamed GCM decryption of encrypted bills: AES-256 against .NET's own AesGcm, SM4 against the RFC 8998 vector;
/// the plaintext comes whole whatever the source's read sizes, and a flipped or missing byte is refused at the end.
/// </summary>
public class GcmDecryptingStreamTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("0123456789abcdefghijABCDEFGHIJ01");
    private static readonly byte[] Nonce = Encoding.ASCII.GetBytes("a1b2c3d4e5f6g7h8");

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    // .NET's AesGcm takes 12-byte nonces only; the 16-character nonces bills use are checked through SM4's vector and the round trips below.
    private static byte[] SealAes(byte[] plain, byte[] nonce12)
    {
        var cipher = new byte[plain.Length + 16];
        using var gcm = new AesGcm(Key, 16);
        gcm.Encrypt(nonce12, plain, cipher.AsSpan(0, plain.Length), cipher.AsSpan(plain.Length));
        return cipher;
    }

    private static async Task<byte[]> DecryptAsync(byte[] sealedBytes, byte[] key, byte[] nonce, int readSize = 81920, byte[]? aad = null)
    {
        using var output = new MemoryStream();
        var stream = new GcmDecryptingStream(new TrickleStream(sealedBytes, readSize), key, nonce, aad);
        var buffer = new byte[readSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, 0, buffer.Length)) > 0) output.Write(buffer, 0, read);
        Assert.That(stream.Completed, Is.True);
        return output.ToArray();
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(15)]
    [TestCase(16)]
    [TestCase(17)]
    [TestCase(200_001)]
    public async Task AES_256_GCM_decrypts_what_dotnet_sealed(int size)
    {
        var plain = new byte[size];
        new Random(size).NextBytes(plain);
        var nonce = Encoding.ASCII.GetBytes("0123456789ab");

        Assert.That(await DecryptAsync(SealAes(plain, nonce), Key, nonce), Is.EqualTo(plain));
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(4096)]
    public async Task Any_read_size_gives_the_same_plaintext(int readSize)
    {
        var plain = Encoding.UTF8.GetBytes(string.Concat(System.Linq.Enumerable.Repeat("交易时间,商户号\r\n", 500)));
        var nonce = Encoding.ASCII.GetBytes("0123456789ab");

        Assert.That(await DecryptAsync(SealAes(plain, nonce), Key, nonce, readSize), Is.EqualTo(plain));
    }

    [Test]
    public async Task SM4_GCM_matches_the_RFC_8998_vector()
    {
        var key = Hex("0123456789ABCDEFFEDCBA9876543210");
        var nonce = Hex("00001234567800000000ABCD");
        var aad = Hex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        var plain = Hex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        var sealedBytes = Hex("17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
            + "83DE3541E4C2B58177E065A9BF7B62EC");

        Assert.That(await DecryptAsync(sealedBytes, key, nonce, 5, aad), Is.EqualTo(plain));
    }

    [TestCase(0)]
    [TestCase(100)]
    [TestCase(-1)]
    public void A_flipped_byte_anywhere_is_refused_at_the_end(int at)
    {
        var nonce = Encoding.ASCII.GetBytes("0123456789ab");
        var sealedBytes = SealAes(new byte[1000], nonce);
        sealedBytes[at < 0 ? sealedBytes.Length - 1 : at] ^= 0x80;

        var error = Assert.ThrowsAsync<CryptographicException>(() => DecryptAsync(sealedBytes, Key, nonce));

        Assert.That(error!.Message, Does.Contain("GCM tag does not match"));
    }

    [Test]
    public void A_file_cut_short_is_refused()
    {
        var nonce = Encoding.ASCII.GetBytes("0123456789ab");
        var sealedBytes = SealAes(new byte[1000], nonce);

        Assert.ThrowsAsync<CryptographicException>(() => DecryptAsync(sealedBytes.AsSpan(0, 990).ToArray(), Key, nonce));
        Assert.ThrowsAsync<CryptographicException>(() => DecryptAsync(Array.Empty<byte>(), Key, nonce));
    }

    [Test]
    public void The_wrong_nonce_is_refused()
    {
        var sealedBytes = SealAes(new byte[100], Encoding.ASCII.GetBytes("0123456789ab"));

        Assert.ThrowsAsync<CryptographicException>(() => DecryptAsync(sealedBytes, Key, Encoding.ASCII.GetBytes("0123456789ac")));
    }

    [Test]
    public void A_key_of_another_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new GcmDecryptingStream(Stream.Null, new byte[24], Nonce));
    }

    // Hands out at most a few bytes per read, as a slow network does.
    private sealed class TrickleStream : MemoryStream
    {
        private readonly int _most;

        public TrickleStream(byte[] bytes, int most) : base(bytes) => _most = most;

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, _most), cancellationToken);
    }
}
