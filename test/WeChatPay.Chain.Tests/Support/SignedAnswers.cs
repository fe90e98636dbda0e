using Flurl.Http.Testing;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>Queues answers on an <see cref="HttpTest"/> that verify like WeChat Pay's.</summary>
internal static class SignedAnswers
{
    public static HttpTestSetup RespondWithSigned(this HttpTestSetup test, string body = "{\"ok\":true}", int status = 200) =>
        test.RespondWith(body, status, TestClient.SignedHeaders(body));
}
