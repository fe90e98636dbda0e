using Flurl.Http.Testing;
using NUnit.Framework;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>A fresh <see cref="HttpTest"/> (answering with a signed <c>{"ok":true}</c> unless told otherwise) and a test client for every test.</summary>
public abstract class HttpFixture
{
    protected HttpTest Http { get; private set; } = null!;

    protected WeChatPayClient Client { get; private set; } = null!;

    /// <summary>Whether every call is answered with a signed <c>{"ok":true}</c>; a fixture that queues answers of its own says no.</summary>
    protected virtual bool AnswerSigned => true;

    /// <summary>The options of <see cref="Client"/>; the test keys and clock unless a fixture says otherwise.</summary>
    protected virtual WeChatPayOptions Options() => TestClient.Options();

    [SetUp]
    public void StartHttpTest()
    {
        Http = new HttpTest();
        if (AnswerSigned) Http.RespondWithSigned();
        Client = new WeChatPayClient(Options());
    }

    [TearDown]
    public void StopHttpTest()
    {
        Client.Dispose();
        Http.Dispose();
    }
}
