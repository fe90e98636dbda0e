using System;
using System.Collections.Generic;
using System.Text;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// One request as the sandbox saw it: what arrived, what it answered, which checks passed and which sensitive fields
/// decrypted. It holds names only: never a field value, a signature, a ciphertext or any key material.
/// </summary>
public sealed class SandboxCall
{
    internal SandboxCall(DateTimeOffset time, string requestId, string method, string path, string? operation, int statusCode,
        string? errorCode, string? errorField, IReadOnlyList<SandboxCheck> passedChecks, SandboxCheck? failedCheck,
        IReadOnlyList<string> decryptedFields, SandboxFault fault, bool presentedClientCertificate)
    {
        PresentedClientCertificate = presentedClientCertificate;
        Time = time;
        RequestId = requestId;
        Method = method;
        Path = path;
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorField = errorField;
        PassedChecks = passedChecks;
        FailedCheck = failedCheck;
        DecryptedFields = decryptedFields;
        Fault = fault;
    }

    /// <summary>Whether the request came over a TLS connection (<see cref="WeChatPaySandbox.TlsBaseUrl"/>) that presented a client certificate.</summary>
    public bool PresentedClientCertificate { get; }

    /// <summary>When the request arrived (sandbox clock).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The <c>Request-ID</c> the sandbox answered with.</summary>
    public string RequestId { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The request path without the query, e.g. <c>/v3/pay/transactions/id/4200000001</c>.</summary>
    public string Path { get; }

    /// <summary>The catalog operation the request addressed, e.g. <c>GET v3/pay/transactions/id/{transaction_id}</c>; null when none.</summary>
    public string? Operation { get; }

    /// <summary>The status answered; 0 when the connection was dropped.</summary>
    public int StatusCode { get; }

    /// <summary>The error <c>code</c> answered (<c>SIGN_ERROR</c>, <c>PARAM_ERROR</c>, …); null on success.</summary>
    public string? ErrorCode { get; }

    /// <summary>The field the error named (<c>signature</c>, <c>device_info.device_type</c>, <c>Wechatpay-Serial</c>, …); null when none.</summary>
    public string? ErrorField { get; }

    /// <summary>The checks that passed, in order.</summary>
    public IReadOnlyList<SandboxCheck> PassedChecks { get; }

    /// <summary>The check that failed, or null.</summary>
    public SandboxCheck? FailedCheck { get; }

    /// <summary>The sensitive request fields that decrypted with the platform key, by path (<c>identity.real_name</c>, <c>receivers[0].name</c>).</summary>
    public IReadOnlyList<string> DecryptedFields { get; }

    /// <summary>The fault applied to this request.</summary>
    public SandboxFault Fault { get; }

    /// <summary>One line, safe to show: the same text the sandbox logs.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Path).Append(" -> ").Append(StatusCode == 0 ? "dropped" : StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (ErrorCode != null) text.Append(' ').Append(ErrorCode);
        if (ErrorField != null) text.Append(" (").Append(ErrorField).Append(')');
        if (PassedChecks.Count > 0) text.Append("; passed: ").Append(string.Join(", ", PassedChecks));
        if (FailedCheck != null) text.Append("; failed: ").Append(FailedCheck);
        if (DecryptedFields.Count > 0) text.Append("; decrypted: ").Append(string.Join(", ", DecryptedFields));
        if (Fault != SandboxFault.None) text.Append("; fault: ").Append(Fault);
        text.Append("; Request-ID ").Append(RequestId);
        return text.ToString();
    }
}
