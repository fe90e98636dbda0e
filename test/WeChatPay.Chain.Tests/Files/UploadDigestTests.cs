using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Files;

namespace WeChatPay.Chain.Tests.Files;

/// <summary>The digests an upload's meta carries, against the standards' own test vectors (the sandbox uses the same SM3 library, so it cannot be the check).</summary>
public class UploadDigestTests
{
    private static UploadPlan Plan(string path) =>
        UploadPlan.For(OperationCatalog.Default.Operations.First(o => o.Path == path && o.RequestBody == "multipart"), path);

    // GB/T 32905-2016, example 1: SM3("abc").
    [Test]
    public async Task An_SM3_upload_digests_with_SM3()
    {
        var plan = Plan("v3/taxi-invoice/cards/upload-file");

        var (content, length, digest) = await plan.OpenAsync("POST /test", WeChatPayFile.FromBytes(Encoding.ASCII.GetBytes("abc"), "card.pdf"), CancellationToken.None);
        content.Dispose();

        Assert.That((plan.DigestField, plan.AlgorithmField, plan.AlgorithmValue), Is.EqualTo(("digest", "digest_algorithm", "DIGEST_ALGORITHM_SM3")));
        Assert.That(length, Is.EqualTo(3));
        Assert.That(digest, Is.EqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"));
    }

    // FIPS 180-2, appendix B.1: SHA-256("abc"); the same through a forward-only stream, which is spooled first.
    [Test]
    public async Task A_sha256_upload_digests_with_SHA256_whatever_the_source()
    {
        var plan = Plan("v3/merchant/media/upload");
        var bytes = Encoding.ASCII.GetBytes("abc");

        var fromBytes = await plan.OpenAsync("POST /test", WeChatPayFile.FromBytes(bytes, "a.png"), CancellationToken.None);
        var fromStream = await plan.OpenAsync("POST /test", WeChatPayFile.FromStream(new ForwardOnly(bytes), "a.png"), CancellationToken.None);
        fromBytes.Content.Dispose();
        fromStream.Content.Dispose();

        Assert.That((plan.DigestField, plan.FileNameField, plan.FilePart), Is.EqualTo(("sha256", "filename", "file")));
        Assert.That(fromBytes.Digest, Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        Assert.That(fromStream.Digest, Is.EqualTo(fromBytes.Digest));
    }

    private sealed class ForwardOnly : System.IO.Stream
    {
        private readonly System.IO.MemoryStream _inner;
        public ForwardOnly(byte[] bytes) => _inner = new System.IO.MemoryStream(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new System.NotSupportedException();
        public override long Position { get => throw new System.NotSupportedException(); set => throw new System.NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new System.NotSupportedException();
        public override void SetLength(long value) => throw new System.NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new System.NotSupportedException();
    }

    [Test]
    public void The_file_part_and_meta_fields_follow_each_operations_documentation()
    {
        var plan = Plan("v3/mch-manage/submission-files/sub-mchid/{sub_mchid}/upload");

        Assert.That((plan.FilePart, plan.FileNameField, plan.DigestField, plan.Sm3), Is.EqualTo(("submission_file", "file_name", "file_digest", false)));
    }
}
