using NUnit.Framework;
using WeChatPay.Chain.Cli.Repl;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>The REPL's prompt line when what is typed is longer than the terminal row: it scrolls, the caret in view.</summary>
public class LineEditorTests
{
    private const string Long = "var res = await wxpay.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(new { appid = \"wx1\" });";

    [Test]
    public void A_line_that_fits_is_shown_whole_with_the_caret_where_it_is()
    {
        var (visible, back, scroll) = LineEditor.View("wxpay.V3", 5, 40, 0);

        Assert.That((visible, back, scroll), Is.EqualTo(("wxpay.V3", 3, 0)));
    }

    [Test]
    public void Every_caret_position_of_a_long_line_is_in_view_and_nothing_is_wider_than_the_row([Values(10, 17, 40)] int width)
    {
        var scroll = 0;
        for (var caret = 0; caret <= Long.Length; caret++)
        {
            (var visible, var back, scroll) = LineEditor.View(Long, caret, width, scroll);
            var column = visible.Length - back;
            var left = visible.StartsWith('…') ? 1 : 0;
            var right = visible.EndsWith('…') ? 1 : 0;

            Assert.That(visible.Length, Is.LessThanOrEqualTo(width), $"caret {caret}");
            Assert.That(visible.Substring(left, visible.Length - left - right), Is.EqualTo(Long.Substring(scroll, visible.Length - left - right)), $"caret {caret}");
            Assert.That(column - left + scroll, Is.EqualTo(caret), $"the caret's column shows the caret's character (caret {caret})");
            Assert.That(column, Is.InRange(left, visible.Length), $"caret {caret}");
        }
        Assert.That(scroll, Is.GreaterThan(0), "at the end of the line the window has moved");
    }

    [Test]
    public void Moving_back_to_the_start_scrolls_the_window_back()
    {
        var (_, _, atEnd) = LineEditor.View(Long, Long.Length, 20, 0);
        var (visible, back, scroll) = LineEditor.View(Long, 0, 20, atEnd);

        Assert.That((scroll, visible.Length - back), Is.EqualTo((0, 0)));
        Assert.That(visible, Does.StartWith("var res").And.EndWith("…"));
    }
}
