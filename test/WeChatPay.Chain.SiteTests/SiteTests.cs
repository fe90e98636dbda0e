using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Playwright;
using NUnit.Framework;
using WeChatPay.Chain.SiteTests.Support;

namespace WeChatPay.Chain.SiteTests;

/// <summary>
/// The docs site as a reader uses it, opened from the file system in headless Chromium: the home page, the search, an
/// operation page with its calls and fields, the link to a callback, the guides and the API reference. Every request the
/// pages make is recorded: none may leave the machine.
/// </summary>
[Category("Slow")]
public partial class SiteTests
{
    private const string Presign = "operations/v3.papay.sign.contracts.pre-entrust-sign.post.html";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _context = null!;
    private string _site = null!;
    private readonly ConcurrentQueue<string> _offMachine = new();

    [OneTimeSetUp]
    public async Task OpenBrowser()
    {
        _site = await BuiltSite.FolderAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Executable(),
            Headless = true,
            Args = new[] { "--no-sandbox" }, // CI runs as root
        });
        _context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await _context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file://", StringComparison.Ordinal)) { await route.ContinueAsync(); return; }
            _offMachine.Enqueue(route.Request.Url);
            await route.AbortAsync();
        });
    }

    [OneTimeTearDown]
    public async Task CloseBrowser()
    {
        if (_context is not null) await _context.CloseAsync();
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        BuiltSite.Delete();
    }

    [TearDown]
    public void NothingLeftTheMachine() => Assert.That(_offMachine, Is.Empty, "requests to anywhere but the file system");

    private async Task<IPage> OpenAsync(string relative)
    {
        var page = await _context.NewPageAsync();
        var file = Path.Combine(_site, relative);
        Assert.That(File.Exists(file), Is.True, relative + " was built");
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        return page;
    }

    private static async Task<ILocator> SearchAsync(IPage page, string query)
    {
        await page.Locator("#search-query").FillAsync(query);
        var results = page.Locator("#wxpay-search-results");
        await Assertions.Expect(results).ToBeVisibleAsync();
        return results;
    }

    [Test]
    public async Task The_home_page_is_the_README_with_the_site_navigation()
    {
        var page = await OpenAsync("index.html");

        Assert.That(await page.TitleAsync(), Does.Contain("WeChatPay.Chain"));
        await Assertions.Expect(page.Locator("article h1").First).ToContainTextAsync("WeChatPay.Chain");
        foreach (var section in new[] { "Guides", "Operations", "Callbacks", "API" })
            await Assertions.Expect(page.Locator("#navbar a", new() { HasTextString = section }).First).ToBeVisibleAsync();
    }

    [Test]
    public async Task Searching_pre_entrust_sign_finds_the_seed_operation_and_its_page_shows_the_chain_call()
    {
        var page = await OpenAsync("index.html");
        var results = await SearchAsync(page, "pre-entrust-sign");

        var hit = results.Locator("a", new() { HasTextString = "POST v3/papay/sign/contracts/pre-entrust-sign" }).First;
        await hit.ClickAsync();

        Assert.That(page.Url, Does.EndWith(Presign));
        await Assertions.Expect(page.Locator("article h1")).ToContainTextAsync("代扣预签约");
        await Assertions.Expect(page.Locator("article pre code", new() { HasTextString = "wxpay.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("article a[href$='docs/operations/papay-sign-pre-entrust-sign.html']").First).ToBeVisibleAsync();
    }

    [TestCase("代扣预签约", "POST v3/papay/sign/contracts/pre-entrust-sign")]
    [TestCase("id_card_number", "POST v3/eduschoolpay/contracts/presign")]
    [TestCase("TRANSACTION.SUCCESS", "v3/TRANSACTION.SUCCESS")]
    public async Task The_search_finds_an_operation_by_its_title_a_field_or_a_callback_by_its_event(string query, string found)
    {
        var page = await OpenAsync("docs/chain.html");
        var results = await SearchAsync(page, query);

        await Assertions.Expect(results.Locator("a code", new() { HasTextString = found }).First).ToBeVisibleAsync();
    }
}
