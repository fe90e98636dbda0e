#:package Microsoft.CodeAnalysis.CSharp.Scripting@5.0.0
#:package WeChatPay.Chain.Sandbox@PACKED
#:property PublishAot=false
// A Roslyn scripting host, as a user embeds one (dotnet-script is built the same way): it runs a C# script file with
// the library and the sandbox from their packages referenced, and prints what the script returns.
// `dotnet run roslyn-host.cs -- presign.csx`; the integration tests write the packed version in place of PACKED.
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

var options = ScriptOptions.Default
    .AddReferences(typeof(WeChatPay.Chain.WeChatPayClient).Assembly, typeof(WeChatPay.Chain.Sandbox.WeChatPaySandbox).Assembly,
        typeof(Microsoft.CSharp.RuntimeBinder.Binder).Assembly)
    .AddImports("System", "System.Linq", "System.Threading.Tasks", "WeChatPay.Chain", "WeChatPay.Chain.Sandbox")
    .WithFilePath(Path.GetFullPath(args[0]));
try
{
    var result = await CSharpScript.EvaluateAsync<object?>(File.ReadAllText(args[0]), options);
    Console.WriteLine(result);
}
catch (CompilationErrorException e)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, e.Diagnostics));
    return 1;
}
return 0;
