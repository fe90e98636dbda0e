using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

/// <summary>Nonce has a single implementation on every target, so it runs once, not per backend.</summary>
public sealed class NonceTests
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    [Test]
    public void A_nonce_is_32_characters_of_digits_and_ASCII_letters()
    {
        string nonce = Nonce.Create();

        Assert.That(nonce, Does.Match("^[0-9A-Za-z]{32}$"));
    }

    [Test]
    public void Ten_thousand_nonces_are_all_different()
    {
        var nonces = new HashSet<string>();
        for (int i = 0; i < 10_000; i++)
        {
            nonces.Add(Nonce.Create());
        }

        Assert.That(nonces, Has.Count.EqualTo(10_000));
    }

    /// <summary>
    /// 320,000 symbols, ~5,161 expected per symbol (σ ≈ 71). Each must appear, and within ±10% of the expectation
    /// (over 7σ, so it never fails by chance) — tight enough to catch modulo bias, which would put the first eight
    /// symbols 25% above the rest.
    /// </summary>
    [Test]
    public void Every_symbol_of_the_alphabet_appears_about_equally_often()
    {
        var counts = Alphabet.ToDictionary(c => c, _ => 0);
        for (int i = 0; i < 10_000; i++)
        {
            foreach (char c in Nonce.Create())
            {
                counts[c]++;
            }
        }
        double expected = 10_000 * 32 / 62.0;

        Assert.Multiple(() =>
        {
            Assert.That(counts.Keys, Is.EquivalentTo(Alphabet));
            foreach (KeyValuePair<char, int> pair in counts)
            {
                Assert.That(pair.Value, Is.InRange(expected * 0.9, expected * 1.1), $"symbol '{pair.Key}'");
            }
        });
    }

    [Test]
    public void The_alphabet_has_62_distinct_symbols()
    {
        Assert.That(Nonce.Alphabet, Is.EqualTo(Alphabet));
        Assert.That(Nonce.Alphabet.Distinct().Count(), Is.EqualTo(62));
    }
}
