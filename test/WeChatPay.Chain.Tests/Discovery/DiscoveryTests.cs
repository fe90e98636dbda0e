using System;
using System.Collections.Generic;
using System.Linq;
using Flurl.Http.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Discovery;

[TestFixture]
public class DiscoveryTests
{
    private WeChatPayClient _client = null!;

    [OneTimeSetUp]
    public void SetUp() => _client = TestClient.Create();

    [OneTimeTearDown]
    public void TearDown() => _client.Dispose();

    [Test]
    public void A_node_lists_the_documented_operations_at_and_below_it()
    {
        IReadOnlyList<WeChatPayOperation> operations = _client.V3.Papay.Sign.Operations();

        Assert.That(operations.Select(o => o.Method + " " + o.Path), Is.EqualTo(new[]
        {
            "GET v3/papay/sign/contracts/harmony-plan-id/{plan_id}/out-contract-code/{out_contract_code}",
            "GET v3/papay/sign/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}",
            "POST v3/papay/sign/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}/terminate",
            "POST v3/papay/sign/contracts/pre-entrust-sign",
            "GET v3/papay/sign/partner/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}",
            "POST v3/papay/sign/partner/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}/terminate",
        }));
    }

    [TestCase("chain with a template")]
    [TestCase("chain with a value")]
    [TestCase("Chain() with a template")]
    [TestCase("indexer with a value")]
    public void Templates_and_concrete_values_in_the_node_path_list_the_same_operations(string shape)
    {
        WeChatPayNode node = shape switch
        {
            "chain with a template" => _client.V3.Papay.Sign.Contracts.PlanId._plan_id_,
            "chain with a value" => _client.V3.Papay.Sign.Contracts.PlanId["12535"],
            "Chain() with a template" => _client.Chain("v3/papay/sign/contracts/plan-id/{plan_id}"),
            _ => _client["v3/papay/sign/contracts/plan-id/12535"],
        };

        Assert.That(node.Operations().Select(o => o.Method + " " + o.Path), Is.EqualTo(new[]
        {
            "GET v3/papay/sign/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}",
            "POST v3/papay/sign/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}/terminate",
        }));
    }

    [Test]
    public void An_unknown_path_has_no_operations()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_client["v3/no-such-product"].Operations(), Is.Empty);
            Assert.That(_client["v3/no-such-product"].Operation("GET"), Is.Null);
        });
    }

    [TestCase("v3/papay/sign/contracts/pre-entrust-sign", "POST", "POST v3/papay/sign/contracts/pre-entrust-sign")]
    [TestCase("v3/papay/sign/contracts/pre-entrust-sign", "post", "POST v3/papay/sign/contracts/pre-entrust-sign")]
    [TestCase("v3/pay/transactions/id/4200000001", "GET", "GET v3/pay/transactions/id/{transaction_id}")]
    [TestCase("v3/pay/transactions/id/{transaction_id}", "GET", "GET v3/pay/transactions/id/{transaction_id}")]
    [TestCase("v3/merchant/media/video_upload", "POST", "POST v3/merchant/media/video_upload")]
    public void A_node_finds_the_operation_a_call_with_that_method_addresses(string path, string method, string expected)
    {
        var operation = _client[path].Operation(method);

        Assert.That(operation is null ? null : operation.Method + " " + operation.Path, Is.EqualTo(expected));
    }

    [TestCase("v3/papay/sign/contracts/pre-entrust-sign", "GET")]
    [TestCase("v3/papay/sign", "GET")]
    [TestCase("v3/papay/sign/contracts/pre-entrust-sign", "TRACE")]
    public void A_method_or_node_without_a_documented_operation_is_null(string path, string method)
    {
        Assert.That(_client[path].Operation(method), Is.Null);
    }

    [Test]
    public void Operation_refuses_a_null_method()
    {
        Assert.Throws<ArgumentNullException>(() => _client["v3/papay"].Operation(null!));
    }

    [Test]
    public void An_operation_shows_its_facts()
    {
        WeChatPayOperation op = _client.V3.Papay.Sign.Contracts.PreEntrustSign.Operation("POST")!;

        Assert.Multiple(() =>
        {
            Assert.That(op.Method, Is.EqualTo("POST"));
            Assert.That(op.Path, Is.EqualTo("v3/papay/sign/contracts/pre-entrust-sign"));
            Assert.That(op.Title, Is.EqualTo("代扣预签约"));
            Assert.That(op.IsDownload, Is.False);
            Assert.That(op.EncryptedFields, Is.Empty);
            Assert.That(op.DecryptedFields, Is.Empty);
            Assert.That(op.ToString(), Is.EqualTo("POST v3/papay/sign/contracts/pre-entrust-sign  代扣预签约"));
            Assert.That(op.RequestFields.Select(f => f.Name), Is.EqualTo(new[]
            {
                "sign_scene", "appid", "openid", "plan_id", "out_contract_code", "contract_display_account",
                "contract_notify_url", "out_user_code", "return_url", "device_info",
            }));
            Assert.That(op.QueryFields, Is.Empty);
            Assert.That(op.ResponseFields.Select(f => f.Name), Does.Contain("pre_entrustweb_id"));
        });
    }

    [Test]
    public void A_field_shows_its_type_flags_enum_and_children()
    {
        WeChatPayOperation op = _client.V3.Papay.Sign.Contracts.PreEntrustSign.Operation("POST")!;
        var signScene = op.RequestFields.Single(f => f.Name == "sign_scene");
        var openid = op.RequestFields.Single(f => f.Name == "openid");
        var deviceInfo = op.RequestFields.Single(f => f.Name == "device_info");

        Assert.Multiple(() =>
        {
            Assert.That(signScene.Type, Is.EqualTo("string"));
            Assert.That(signScene.Required, Is.True);
            Assert.That(signScene.IsEncrypted, Is.False);
            Assert.That(signScene.Enum, Is.EqualTo(new[] { "SIGN_SCENE_APP", "SIGN_SCENE_QRCODE" }));
            Assert.That(signScene.Children, Is.Empty);
            Assert.That(signScene.ToString(), Is.EqualTo("sign_scene: string"));
            Assert.That(openid.Required, Is.False);
            Assert.That(openid.Enum, Is.Empty);
            Assert.That(deviceInfo.Type, Is.EqualTo("object"));
            Assert.That(deviceInfo.Children.Select(f => f.Name), Does.Contain("device_type").And.Contain("days_since_first_login"));
        });
    }

    [Test]
    public void Encrypted_request_fields_are_marked_and_listed_without_the_json_prefix()
    {
        WeChatPayOperation op = _client.V3.Eduschoolpay.Contracts.Presign.Operation("POST")!;
        var identity = op.RequestFields.Single(f => f.Name == "identity");

        Assert.Multiple(() =>
        {
            Assert.That(op.EncryptedFields, Is.EqualTo(new[]
            {
                "identity.real_name", "identity.credential_type", "identity.id_card_number", "bank_card.bank_card_no", "bank_card.phone",
            }));
            Assert.That(identity.IsEncrypted, Is.False);
            Assert.That(identity.Children.Where(f => f.IsEncrypted).Select(f => f.Name), Is.EqualTo(new[] { "real_name", "credential_type", "id_card_number" }));
        });
    }

    [Test]
    public void Encrypted_fields_inside_arrays_keep_the_array_step()
    {
        var op = _client["v3/profitsharing/orders"].Operation("POST")!;

        Assert.Multiple(() =>
        {
            Assert.That(op.EncryptedFields, Is.EqualTo(new[] { "receivers[].name" }));
            Assert.That(op.RequestFields.Single(f => f.Name == "receivers").Children.Single(f => f.Name == "name").IsEncrypted, Is.True);
        });
    }

    [Test]
    public void Response_fields_the_merchant_key_decrypts_are_marked_and_listed()
    {
        WeChatPayOperation op = _client.V3.AggracctBc.WbChannel.BankChannelAccount.Rename.Operation("POST")!;

        Assert.Multiple(() =>
        {
            Assert.That(op.DecryptedFields, Is.EqualTo(new[] { "bal_account_no", "new_account_name" }));
            Assert.That(op.ResponseFields.Where(f => f.IsEncrypted).Select(f => f.Name), Is.EqualTo(new[] { "bal_account_no", "new_account_name" }));
            Assert.That(op.Describe(), Does.Match(@"\n  bal_account_no +string +(required )?encrypted\n"));
        });
    }

    [Test]
    public void A_download_is_marked()
    {
        WeChatPayOperation op = _client.V3.Billdownload.File.Operation("GET")!;

        Assert.Multiple(() =>
        {
            Assert.That(op.IsDownload, Is.True);
            Assert.That(op.QueryFields.Select(f => f.Name), Does.Contain("token"));
            Assert.That(op.Describe(), Does.Contain("file download"));
        });
    }

    [Test]
    public void Describe_prints_the_title_the_request_tree_and_the_response()
    {
        string text = _client.V3.Papay.Sign.Contracts.PreEntrustSign.Operation("POST")!.Describe();
        var lines = text.Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("代扣预签约"));
            Assert.That(lines[1], Is.EqualTo("POST v3/papay/sign/contracts/pre-entrust-sign"));
            Assert.That(text, Does.Contain("\nRequest body:\n"));
            Assert.That(lines, Has.One.Match(@"^  sign_scene +string +required +one of SIGN_SCENE_APP \| SIGN_SCENE_QRCODE$"));
            Assert.That(lines, Has.One.Match(@"^  openid +string$"));
            Assert.That(lines, Has.One.Match(@"^  device_info +object +required$"));
            Assert.That(lines, Has.One.Match(@"^    device_type +string +required +one of DEVICE_TYPE_UNKNOW \| DEVICE_TYPE_PHONE"));
            Assert.That(text, Does.Contain("\nResponse:\n"));
            Assert.That(lines, Has.One.Match(@"^  pre_entrustweb_id +string +required$"));
            Assert.That(text, Does.Not.Contain("Query:"));
            Assert.That(lines.Where(l => l.Length > 0), Has.All.Not.EndsWith(" "));
        });
    }

    [Test]
    public void Describe_marks_encrypted_fields()
    {
        string text = _client.V3.Eduschoolpay.Contracts.Presign.Operation("POST")!.Describe();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Match(@"\n    real_name +string +required encrypted\n"));
            Assert.That(text, Does.Match(@"\n    phone +string +encrypted\n"));
            Assert.That(text, Does.Match(@"\n    valid_thru +string\n"));
        });
    }

    [Test]
    public void Describe_lists_required_query_parameters()
    {
        string text = _client.V3.Pay.Transactions.Id["4200000001"].Operation("GET")!.Describe();

        Assert.That(text, Does.Contain("\nQuery:\n").And.Match(@"\n  mchid +string +required\n"));
    }

    [Test]
    public void A_node_with_one_operation_describes_it_in_full()
    {
        WeChatPayNode node = _client.V3.Papay.Sign.Contracts.PreEntrustSign;

        Assert.That(node.Describe(), Is.EqualTo(node.Operation("POST")!.Describe()));
    }

    [Test]
    public void A_node_with_several_operations_lists_them_one_a_line()
    {
        var lines = ((WeChatPayNode)_client.V3.Papay.Sign).Describe().TrimEnd('\n').Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("6 documented operations at or below v3/papay/sign:"));
            Assert.That(lines, Has.Length.EqualTo(7));
            Assert.That(lines, Has.One.Match(@"^  POST +v3/papay/sign/contracts/pre-entrust-sign +代扣预签约$"));
            Assert.That(lines, Has.Exactly(3).Match(@"^  GET +v3/papay/sign/"));
        });
    }

    [Test]
    public void A_node_above_a_single_operation_lists_it_rather_than_describing_it()
    {
        string text = _client.V3.Billdownload.Describe();

        Assert.That(text, Is.EqualTo("1 documented operation at or below v3/billdownload:\n  GET    v3/billdownload/file  下载账单\n"));
    }

    [Test]
    public void A_node_without_operations_says_so()
    {
        Assert.That(_client["v3/no-such-product"].Describe(), Is.EqualTo("No documented operation at or below v3/no-such-product.\n"));
    }

    [TestCase("预签约", "POST v3/papay/sign/contracts/pre-entrust-sign  代扣预签约")]
    [TestCase("pre-entrust", "POST v3/papay/sign/contracts/pre-entrust-sign  代扣预签约")]
    [TestCase("eduschoolpay/contracts/presign", "POST v3/eduschoolpay/contracts/presign  预签约")]
    public void Search_finds_operations_by_path_fragment_or_title(string text, string expected)
    {
        Assert.That(_client.Search(text).Select(o => o.ToString()), Does.Contain(expected));
    }

    [Test]
    public void Search_agrees_with_the_catalog()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_client.Search("预签约"), Has.Count.EqualTo(35));
            Assert.That(_client.Search("no-such-thing-anywhere"), Is.Empty);
            Assert.Throws<ArgumentNullException>(() => _client.Search(null!));
        });
    }

    [Test]
    public void Two_wrappers_of_the_same_operation_are_equal()
    {
        WeChatPayOperation? a = _client.V3.Papay.Sign.Contracts.PreEntrustSign.Operation("POST");
        var b = _client.Search("代扣预签约").Single(o => o.Path == "v3/papay/sign/contracts/pre-entrust-sign");
        WeChatPayOperation? other = _client.V3.Eduschoolpay.Contracts.Presign.Operation("POST");

        Assert.Multiple(() =>
        {
            Assert.That(b, Is.EqualTo(a));
            Assert.That(b.GetHashCode(), Is.EqualTo(a!.GetHashCode()));
            Assert.That(other, Is.Not.EqualTo(a));
        });
    }

    [Test]
    public void The_lists_handed_out_cannot_change_the_catalog()
    {
        WeChatPayOperation op = _client.V3.Papay.Sign.Contracts.PreEntrustSign.Operation("POST")!;
        var signScene = op.RequestFields.Single(f => f.Name == "sign_scene");

        Assert.Multiple(() =>
        {
            Assert.That(signScene.Enum, Is.Not.InstanceOf<string[]>());
            Assert.That(op.RequestFields, Is.Not.InstanceOf<WeChatPayField[]>());
            Assert.That(op.EncryptedFields, Is.Not.InstanceOf<string[]>());
            Assert.That(_client.Search("预签约"), Is.Not.InstanceOf<WeChatPayOperation[]>());
        });
    }

    [Test]
    public void Discovery_through_dynamic_nodes_sends_nothing()
    {
        using var http = new HttpTest();

        string listing = _client.V3.Papay.Describe();
        IReadOnlyList<WeChatPayOperation> operations = _client.V3.Papay.Operations();
        WeChatPayOperation? one = _client.V3.Papay.Sign.Contracts.PreEntrustSign.Operation("POST");

        Assert.Multiple(() =>
        {
            Assert.That(listing, Does.Contain("v3/papay/sign/contracts/pre-entrust-sign"));
            Assert.That(operations, Is.Not.Empty);
            Assert.That(one, Is.Not.Null);
            Assert.That(http.CallLog, Is.Empty);
        });
    }
}
