using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.Sandbox;

/// <summary>The facts of one request gathered while it is handled; frozen into a <see cref="SandboxCall"/> at the end.</summary>
internal sealed class CallRecord
{
    public CallRecord(DateTimeOffset time, string requestId, string method, string path, SandboxFault fault)
    {
        Time = time;
        RequestId = requestId;
        Method = method;
        Path = path;
        Fault = fault;
    }

    public DateTimeOffset Time { get; }

    public string RequestId { get; }

    public string Method { get; }

    public string Path { get; }

    public SandboxFault Fault { get; }

    public string? Operation { get; set; }

    /// <summary>Whether the TLS connection presented a client certificate.</summary>
    public bool ClientCertificate { get; init; }

    public int StatusCode { get; set; }

    public Rejection? Rejection { get; set; }

    public string? ErrorCode { get; set; }

    public List<SandboxCheck> Passed { get; } = new();

    public List<string> Decrypted { get; } = new();

    /// <summary>Whether the call was already added to the log and the list (before its answer left).</summary>
    public bool Recorded { get; set; }

    public SandboxCall Freeze() => new(Time, RequestId, Method, Path, Operation, StatusCode,
        Rejection?.Code ?? ErrorCode, Rejection?.Field, Passed.ToArray(), Rejection?.Check, Decrypted.ToArray(), Fault, ClientCertificate);
}
