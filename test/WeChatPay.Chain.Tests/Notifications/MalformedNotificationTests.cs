using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Notifications;

public class MalformedNotificationTests
{
    private static WeChatPayClient Client()
    {
        var options = TestClient.Options(new FakeTimeProvider(TestClient.Now));
        options.ApiV3Key = TestData.ApiV3Key;
        return new WeChatPayClient(options);
    }

    // A validly signed callback whose body is the given JSON.
    private static (IEnumerable<KeyValuePair<string, string>> Headers, string Body) Signed(string body)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var property in TestClient.SignedHeaders(body).GetType().GetProperties())
            headers.Add(new KeyValuePair<string, string>(property.Name.Replace('_', '-'), (string)property.GetValue(TestClient.SignedHeaders(body))!));
        return (headers, body);
    }

    [TestCase("{\"resource\":{\"ciphertext\":{\"a\":1},\"nonce\":\"n\",\"associated_data\":\"\"}}", "ciphertext")]
    [TestCase("{\"resource\":{\"ciphertext\":\"abc\",\"nonce\":[1,2],\"associated_data\":\"\"}}", "nonce")]
    [TestCase("{\"resource\":{\"ciphertext\":\"abc\",\"nonce\":\"n\",\"associated_data\":{}}}", "associated_data")]
    [TestCase("{\"resource\":{\"ciphertext\":12,\"nonce\":\"n\"}}", "ciphertext")]
    [TestCase("{\"resource\":{\"nonce\":\"n\"}}", "ciphertext")]
    [TestCase("{\"event_type\":{\"x\":1},\"resource\":{\"ciphertext\":\"abc\",\"nonce\":\"n\"}}", "event_type")]
    [TestCase("{\"resource\":[1]}", "resource")]
    [TestCase("[1,2]", "resource")]
    [TestCase("not json", "resource")]
    public void A_signed_callback_of_the_wrong_shape_is_a_clear_error(string body, string field)
    {
        using var client = Client();
        var (headers, text) = Signed(body);
        var error = Assert.Throws<WeChatPayException>(() => client.ReadNotification(headers, text));
        Assert.That(error!.Message, Does.Contain(field));
    }

    [Test]
    public void A_null_header_function_or_body_is_an_argument_null_error()
    {
        using var client = Client();
        Assert.Throws<ArgumentNullException>(() => client.ReadNotification((Func<string, string?>)null!, Array.Empty<byte>()));
        Assert.Throws<ArgumentNullException>(() => client.ReadNotification(_ => null, null!));
        Assert.Throws<ArgumentNullException>(() => client.ReadNotification((IEnumerable<KeyValuePair<string, string>>)null!, "{}"));
        Assert.Throws<ArgumentNullException>(() => client.ReadNotification(new Dictionary<string, string>(), null!));
    }

    [Test]
    public void A_header_function_that_throws_is_its_own_exception_not_ours()
    {
        using var client = Client();
        Assert.Throws<InvalidOperationException>(() => client.ReadNotification(_ => throw new InvalidOperationException("mine"), Encoding.UTF8.GetBytes("{}")));
    }
}
