using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;
using NUnit.Framework;

namespace WeChatPay.Chain.SiteTests;

/// <content>The pages themselves: fields, callbacks, the guides, the API reference, and a screenshot.</content>
public partial class SiteTests
{
    private const string EduPresign = "operations/v3.eduschoolpay.contracts.presign.post.html";

    [Test]
    public async Task The_presign_page_marks_the_five_fields_the_client_encrypts()
    {
        var page = await OpenAsync(EduPresign);

        foreach (var field in new[] { "identity.real_name", "identity.credential_type", "identity.id_card_number", "bank_card.bank_card_no", "bank_card.phone" })
        {
            var row = page.Locator("article table tr", new() { Has = page.Locator("td code", new() { HasTextString = field }) }).First;
            await Assertions.Expect(row).ToContainTextAsync("🔒");
        }
        var plain = page.Locator("article table tr", new() { Has = page.Locator("td code", new() { HasTextString = "contract_mode" }) }).First;
        await Assertions.Expect(plain).Not.ToContainTextAsync("🔒");
    }

    [Test]
    public async Task An_operation_page_links_the_callback_it_leads_to_and_the_link_works()
    {
        var page = await OpenAsync(Presign);

        await page.Locator("article a[href*='callbacks/v3.ENTRUST.SIGN']").First.ClickAsync();

        Assert.That(page.Url, Does.EndWith("callbacks/v3.ENTRUST.SIGN.html"));
        await Assertions.Expect(page.Locator("article h1")).ToContainTextAsync("ENTRUST.SIGN");
    }

    [Test]
    public async Task The_guides_are_the_chapters_of_the_site()
    {
        var page = await OpenAsync("docs/chain.html");

        await Assertions.Expect(page.Locator("article h1")).ToHaveTextAsync("Calling the API");
        await Assertions.Expect(page.Locator(".sidetoc a", new() { HasTextString = "Typed requests and answers" }).First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator(".sidetoc a", new() { HasTextString = "The wxpay tool" }).First).ToBeAttachedAsync();
    }

    [Test]
    public async Task The_API_reference_documents_the_client_from_its_XML_docs()
    {
        var page = await OpenAsync("api/WeChatPay.Chain.WeChatPayClient.html");

        await Assertions.Expect(page.Locator("article h1")).ToContainTextAsync("WeChatPayClient");
        await Assertions.Expect(page.Locator("article", new() { HasTextString = "Chain(string" }).First).ToBeVisibleAsync();
    }

    [Test]
    public async Task A_screenshot_of_an_operation_page_is_written_to_the_test_output()
    {
        var page = await OpenAsync(EduPresign);
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "site-operation-page.png");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = false });
        TestContext.AddTestAttachment(file, "An operation page of the docs site");

        Assert.That(new FileInfo(file).Length, Is.GreaterThan(10_000));
    }
}
