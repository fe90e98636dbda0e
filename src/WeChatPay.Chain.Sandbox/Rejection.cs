using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <summary>An error answer in WeChat Pay's shape, <c>{"code","message","detail"}</c>, and the check that produced it.</summary>
internal sealed class Rejection
{
    public Rejection(int status, string code, string message, SandboxCheck? check, string? field = null, JObject? detail = null)
    {
        Status = status;
        Code = code;
        Message = message;
        Check = check;
        Field = field;
        Detail = detail;
    }

    public int Status { get; }

    public string Code { get; }

    public string Message { get; }

    public SandboxCheck? Check { get; }

    /// <summary>The field named in <c>detail.field</c>, also recorded on the call (a name, never a value).</summary>
    public string? Field { get; }

    public JObject? Detail { get; }

    public JObject Body()
    {
        var body = new JObject { ["code"] = Code, ["message"] = Message };
        if (Detail != null) body["detail"] = Detail;
        return body;
    }

    /// <summary>400 PARAM_ERROR naming a field: <c>detail</c> is <c>{field, location, issue}</c>.</summary>
    public static Rejection ParamError(SandboxCheck check, string field, string location, string issue, string message) =>
        new(400, "PARAM_ERROR", message, check, field, new JObject { ["field"] = field, ["location"] = location, ["issue"] = issue });
}
