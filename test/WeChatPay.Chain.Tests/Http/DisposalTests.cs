using System;
using System.Threading.Tasks;
using Flurl.Http.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class DisposalTests
{
    [Test]
    public async Task The_http_answer_is_released_once_the_response_holds_its_copy()
    {
        using var http = new HttpTest();
        http.RespondWithSigned("{\"a\":1}");
        using var client = TestClient.Create();

        var response = await client.V3.Certificates.GetAsync();

        Assert.That((int)response.Data.a, Is.EqualTo(1));
        Assert.ThrowsAsync<ObjectDisposedException>(() => http.CallLog[0].HttpResponseMessage.Content.ReadAsStringAsync());
    }

    [TestCase(400)]
    [TestCase(200)]
    public void The_http_answer_is_released_when_the_call_fails(int status)
    {
        using var http = new HttpTest();
        http.RespondWith("{\"code\":\"PARAM_ERROR\",\"message\":\"m\"}", status); // unsigned: a 200 fails verification
        using var client = TestClient.Create();

        var error = Assert.ThrowsAsync(Is.InstanceOf<WeChatPayException>(), () => client.Chain("v3/certificates").GetAsync());
        Assert.That(((WeChatPayException)error!).ResponseBody, Does.Contain("PARAM_ERROR"));
        Assert.ThrowsAsync<ObjectDisposedException>(() => http.CallLog[0].HttpResponseMessage.Content.ReadAsStringAsync());
    }
}
