using System;
using System.Collections.Generic;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Tests.Catalog;

[TestFixture]
public class ValidationExceptionTests
{
    private static readonly string[] Problems =
    {
        "sign_scene: required but missing",
        "plan_id: expected number, got the string \"abc\"",
    };

    [Test]
    public void The_message_names_the_operation_and_lists_every_problem()
    {
        var error = new WeChatPayValidationException("POST v3/papay/sign/contracts/pre-entrust-sign", Problems);

        Assert.Multiple(() =>
        {
            Assert.That(error.Operation, Is.EqualTo("POST v3/papay/sign/contracts/pre-entrust-sign"));
            Assert.That(error.Problems, Is.EqualTo(Problems));
            Assert.That(error.Message, Does.StartWith("The request to POST v3/papay/sign/contracts/pre-entrust-sign does not match the documented fields (2 problems); nothing was sent:"));
            Assert.That(error.Message, Does.Contain("\n  - sign_scene: required but missing\n  - plan_id: expected number, got the string \"abc\"\n"));
            Assert.That(error.Message, Does.Contain("WeChatPayRequestOptions.Validate = false"));
            Assert.That(error.ParamName, Is.Null);
        });
    }

    [Test]
    public void It_is_an_argument_exception()
    {
        Assert.That(new WeChatPayValidationException("GET v3/x", new[] { "query.mchid: required but missing" }), Is.InstanceOf<ArgumentException>());
    }

    [Test]
    public void One_problem_is_counted_in_the_singular()
    {
        var error = new WeChatPayValidationException("GET v3/pay/transactions/id/{transaction_id}", new[] { "query.mchid: required but missing" });

        Assert.That(error.Message, Does.Contain("(1 problem)"));
    }

    [Test]
    public void The_problems_are_a_copy_the_caller_cannot_change()
    {
        var list = new List<string>(Problems);
        var error = new WeChatPayValidationException("POST v3/x", list);
        list.Clear();

        Assert.Multiple(() =>
        {
            Assert.That(error.Problems, Has.Count.EqualTo(2));
            Assert.That(error.Problems, Is.Not.InstanceOf<string[]>());
            Assert.That(((ICollection<string>)error.Problems).IsReadOnly, Is.True);
        });
    }

    [Test]
    public void Null_arguments_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => _ = new WeChatPayValidationException(null!, Problems));
            Assert.Throws<ArgumentNullException>(() => _ = new WeChatPayValidationException("POST v3/x", null!));
        });
    }

    [Test]
    public void The_validator_and_the_exception_fit_together()
    {
        var op = OperationCatalog.Default.Find("POST", SeedRequests.PapayPreEntrustSign)!;
        var body = SeedRequests.Body(SeedRequests.PapayPreEntrustSign);
        body["sign_scene"] = "SIGN_SCENE_X";

        var error = new WeChatPayValidationException(op.ToString(), RequestValidator.Validate(op, body, Array.Empty<string>()));

        Assert.That(error.Message, Does.Contain("POST v3/papay/sign/contracts/pre-entrust-sign").And.Contain("sign_scene: the string \"SIGN_SCENE_X\" is not one of"));
    }
}
