using System;
using System.IO;
using System.Net.Http;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class AnswerSizeTests : HttpFixture
{
    protected override bool AnswerSigned => false;

    protected override WeChatPayOptions Options()
    {
        var options = TestClient.Options();
        options.MaxResponseBodySize = 64 * 1024;
        options.MaxRetries = 0; // one answer per test: a retried 5xx would meet the fake's default answer
        return options;
    }

    [Test]
    public void The_default_cap_is_a_few_megabytes()
    {
        Assert.That(new WeChatPayOptions().MaxResponseBodySize, Is.EqualTo(4 * 1024 * 1024));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void A_cap_that_is_not_positive_is_refused_at_start(int cap)
    {
        var options = TestClient.Options();
        options.MaxResponseBodySize = cap;
        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        Assert.That(error!.ParamName, Is.EqualTo(nameof(WeChatPayOptions.MaxResponseBodySize)));
    }

    [Test]
    public void An_error_answer_over_the_cap_is_not_read_whole_and_the_exception_keeps_a_bounded_prefix()
    {
        var stream = new CountingStream(200L * 1024 * 1024);
        Http.RespondWith(() => new StreamContent(stream), 500);

        var error = Assert.Throws<WeChatPayException>(() => Client.Chain("v3/certificates").Get());
        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(500));
            Assert.That(error.Message, Does.Contain("MaxResponseBodySize"));
            Assert.That(stream.BytesRead, Is.LessThanOrEqualTo(64 * 1024 + 81920), "read stops soon after the cap");
            Assert.That(error.ResponseBody!.Length, Is.LessThanOrEqualTo(WeChatPayException.MaxResponseBodyLength));
            Assert.That(error.ResponseBodyTruncated, Is.True);
        });
    }

    [Test]
    public void A_success_answer_over_the_cap_fails_clearly()
    {
        var body = "{\"a\":\"" + new string('x', 70 * 1024) + "\"}";
        Http.RespondWith(body, 200, TestClient.SignedHeaders(body));

        var error = Assert.Throws<WeChatPayException>(() => Client.Chain("v3/certificates").Get());
        Assert.That(error!.Message, Does.Contain("MaxResponseBodySize").And.Contain("65536"));
    }

    [Test]
    public void An_error_answer_under_the_cap_but_long_keeps_a_bounded_prefix_and_its_code()
    {
        var body = "{\"code\":\"PARAM_ERROR\",\"message\":\"" + new string('m', 40 * 1024) + "\"}";
        Http.RespondWith(body, 400);

        var error = Assert.Throws<WeChatPayException>(() => Client.Chain("v3/certificates").Get());
        Assert.Multiple(() =>
        {
            Assert.That(error!.Code, Is.EqualTo("PARAM_ERROR"));
            Assert.That(error.ResponseBody, Is.EqualTo(body.Substring(0, WeChatPayException.MaxResponseBodyLength)));
            Assert.That(error.ResponseBodyTruncated, Is.True);
            Assert.That(error.Message.Length, Is.LessThan(WeChatPayException.MaxResponseBodyLength));
        });
    }

    [Test]
    public void A_long_error_answer_under_the_default_cap_still_gives_its_code()
    {
        var body = "{\"code\":\"PARAM_ERROR\",\"message\":\"" + new string('m', 200 * 1024) + "\"}";
        Http.RespondWith(body, 400);
        using var client = TestClient.Create();

        var error = Assert.Throws<WeChatPayException>(() => client.Chain("v3/certificates").Get());
        Assert.That(error!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(error.ResponseBodyTruncated, Is.True);
    }

    [Test]
    public void An_answer_just_under_the_cap_is_read_whole()
    {
        var body = "{\"a\":\"" + new string('x', 60 * 1024) + "\"}";
        Http.RespondWith(body, 200, TestClient.SignedHeaders(body));

        var response = (WeChatPayResponse)Client.Chain("v3/certificates").Get();
        Assert.That(response.Body, Is.EqualTo(body));
    }

    /// <summary>An endless-looking stream of spaces that counts how much was read from it.</summary>
    private sealed class CountingStream : Stream
    {
        private readonly long _length;

        public CountingStream(long length) => _length = length;

        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _length - BytesRead);
            for (var i = 0; i < n; i++) buffer[offset + i] = (byte)' ';
            BytesRead += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
