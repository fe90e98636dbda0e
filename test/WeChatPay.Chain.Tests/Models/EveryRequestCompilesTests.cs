using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using NUnit.Framework;
using WeChatPay.Chain.Models;
using WeChatPay.Chain.Tests.Docs;

namespace WeChatPay.Chain.Tests.Models;

/// <summary>
/// Every generated request type is usable as a person writes it: constructed with its required members (nested objects too)
/// and sent from the node of its documented path with the verb of its method, which returns its typed answer. The code is
/// generated here, compiled in memory as the docs samples are, and never run.
/// </summary>
public class EveryRequestCompilesTests
{
    private static readonly Type[] RequestTypes = typeof(PayTransactionsJsapiPostRequest).Assembly.GetExportedTypes()
        .Where(t => !t.IsAbstract && typeof(WeChatPayRequest).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    [Test]
    public void Every_request_type_with_its_required_members_set_compiles_against_the_verb_of_its_node()
    {
        var code = new StringBuilder("async System.Threading.Tasks.Task SendEveryRequest()\n{\n");
        foreach (var type in RequestTypes)
        {
            var request = (WeChatPayRequest)Activator.CreateInstance(type)!;
            var answer = type.BaseType!.GetGenericArguments()[0];
            var verb = request.OperationMethod.Substring(0, 1) + request.OperationMethod.Substring(1).ToLowerInvariant() + "Async";
            code.Append("    {\n        var request = ").Append(New(type)).Append(";\n")
                .Append("        global::WeChatPay.Chain.WeChatPayResponse<").Append(Name(answer)).Append("> answer = await wxpay.Chain(\"")
                .Append(request.OperationPath).Append("\").").Append(verb).Append("(request);\n    }\n");
        }
        code.Append("}\n");

        var options = SampleGlobals.ScriptOptions.AddReferences(typeof(PayTransactionsJsapiPostRequest).Assembly).WithLanguageVersion(LanguageVersion.Latest);
        var errors = CSharpScript.Create(code.ToString(), options, typeof(SampleGlobals)).Compile()
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();

        Assert.That(RequestTypes, Has.Length.EqualTo(1147 - 14 - 10 - 3), "a request type per operation but uploads, downloads and browser pages");
        Assert.That(errors, Is.Empty, string.Join("\n", errors.Take(20).Select(e => e.ToString())));
    }

    [Test]
    public void Required_members_are_the_documented_required_fields()
    {
        var required = RequiredMembers(typeof(PayTransactionsJsapiPostRequest)).Select(p => p.Name);
        var nested = RequiredMembers(typeof(PayTransactionsJsapiPostRequest.Types.Amount)).Select(p => p.Name);

        Assert.That(required, Is.EquivalentTo(new[] { "Appid", "Mchid", "Description", "OutTradeNo", "NotifyUrl", "Amount", "Payer" }));
        Assert.That(nested, Is.EquivalentTo(new[] { "Total" }));
        Assert.That(typeof(PayTransactionsJsapiPostRequest).GetProperty("Attach")!.PropertyType, Is.EqualTo(typeof(string)));
        Assert.That(typeof(PayTransactionsJsapiPostRequest).GetProperty("SupportFapiao")!.PropertyType, Is.EqualTo(typeof(bool?)));
    }

    // "new T { Required = value, ... }", nested objects constructed the same way.
    private static string New(Type type)
    {
        var members = RequiredMembers(type).Select(p => p.Name + " = " + Value(p.PropertyType));
        return "new " + Name(type) + " { " + string.Join(", ", members) + " }";
    }

    private static string Value(Type type)
    {
        if (type == typeof(string)) return "\"text\"";
        if (type == typeof(long)) return "1L";
        if (type == typeof(decimal)) return "1m";
        if (type == typeof(bool)) return "true";
        if (typeof(WeChatPayEnum).IsAssignableFrom(type)) return "\"VALUE\"";
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>))
            return "new global::System.Collections.Generic.List<" + Name(type.GetGenericArguments()[0]) + "> { " + Value(type.GetGenericArguments()[0]) + " }";
        if (typeof(WeChatPayModel).IsAssignableFrom(type)) return New(type);
        throw new NotSupportedException("No value written for " + type + ".");
    }

    private static string Name(Type type) => type == typeof(string) ? "string" : type == typeof(long) ? "long" : type == typeof(decimal) ? "decimal"
        : type == typeof(bool) ? "bool" : "global::" + type.FullName!.Replace('+', '.');

    internal static IEnumerable<PropertyInfo> RequiredMembers(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.RequiredMemberAttribute"));
}
