using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Tests.Crypto;

namespace WeChatPay.Chain.Tests.V2;

public sealed class V2SignlessOperationsTests
{
    private static IEnumerable<JsonElement> Entries(string list) => V2TestData.Root.GetProperty("signless").GetProperty(list).EnumerateArray();

    private static bool IsStale(JsonElement entry) => entry.StringOrNull("note")?.StartsWith("stale") == true;

    public static IEnumerable<TestCaseData> NoSignAnswers() =>
        Entries("no_sign_answers").Select(e => new TestCaseData(e.String("path"), IsStale(e)).SetArgDisplayNames(e.String("path")));

    public static IEnumerable<TestCaseData> NoNonceRequests() =>
        Entries("no_nonce_requests").Select(e => new TestCaseData(e.String("path")).SetArgDisplayNames(e.String("path")));

    [Test]
    public void The_vector_lists_have_the_sizes_the_README_gives()
    {
        Assert.That(Entries("no_sign_answers").Count(), Is.EqualTo(27));
        Assert.That(Entries("no_nonce_requests").Count(), Is.EqualTo(18));
    }

    [TestCaseSource(nameof(NoSignAnswers))]
    public void Each_sign_less_answer_of_the_vectors_is_in_the_table_unless_its_path_is_stale(string path, bool stale)
    {
        Assert.That(V2SignlessOperations.AnswerHasNoSign(path), Is.EqualTo(!stale));
        Assert.That(V2SignlessOperations.AnswerHasNoSign("v2" + path), Is.EqualTo(!stale));
    }

    [Test]
    public void The_sign_less_table_holds_nothing_the_vectors_do_not_list()
    {
        string[] expected = Entries("no_sign_answers").Where(e => !IsStale(e)).Select(e => e.String("path")).ToArray();

        Assert.That(V2SignlessOperations.AnswersWithoutSign, Is.EquivalentTo(expected));
        Assert.That(expected, Has.Length.EqualTo(25));
    }

    [TestCaseSource(nameof(NoNonceRequests))]
    public void Each_nonce_less_request_of_the_vectors_is_in_the_table(string path)
    {
        Assert.That(V2SignlessOperations.RequestHasNoNonce(path), Is.True);
        Assert.That(V2SignlessOperations.RequestHasNoNonce("v2" + path), Is.True);
    }

    [Test]
    public void The_nonce_less_table_is_exactly_the_vector_list()
    {
        Assert.That(V2SignlessOperations.RequestsWithoutNonce, Is.EquivalentTo(Entries("no_nonce_requests").Select(e => e.String("path"))));
    }

    [Test]
    public void Every_path_of_both_tables_is_a_documented_v2_operation_of_the_catalog()
    {
        Assert.Multiple(() =>
        {
            foreach (string path in V2SignlessOperations.AnswersWithoutSign.Concat(V2SignlessOperations.RequestsWithoutNonce))
            {
                bool found = new[] { "GET", "POST" }.Any(method => OperationCatalog.Default.Find(method, "v2" + path)?.Path == "v2" + path);
                Assert.That(found, Is.True, path);
            }
        });
    }

    [TestCase("v2/pay/downloadbill", true)]
    [TestCase("/pay/downloadbill", true)]
    [TestCase("pay/downloadbill", true)]
    [TestCase("/v2/pay/downloadbill", true)]
    [TestCase("v2/pay/downloadbill?x=1", true)]
    [TestCase("v2/pay/unifiedorder", false)]
    [TestCase("v2/pay/micropay", false)]
    [TestCase("v2/PAY/downloadbill", false)]
    [TestCase("v2/mmpaymkttransfers/pay_bank", false)]
    [TestCase("v3/pay/downloadbill", false)]
    public void A_path_is_looked_up_by_its_documented_or_its_URL_form_exactly(string path, bool signless)
    {
        Assert.That(V2SignlessOperations.AnswerHasNoSign(path), Is.EqualTo(signless));
    }

    [Test]
    public void The_capitals_of_the_institution_paths_are_kept()
    {
        Assert.That(V2SignlessOperations.RequestHasNoNonce("v2/secapi/mch/addInstitutionsub"), Is.True);
        Assert.That(V2SignlessOperations.RequestHasNoNonce("v2/secapi/mch/addinstitutionsub"), Is.False);
    }
}
