using System;
using Microsoft.Extensions.Logging;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// Where the sandbox's lines go: <see cref="SandboxOptions.Log"/> and <see cref="SandboxOptions.Logger"/>. Every caller
/// passes text built from names, statuses and ids only; this class adds nothing of its own.
/// </summary>
internal sealed class SandboxLog
{
    private readonly Action<string>? sink;
    private readonly ILogger? logger;
    private readonly object gate = new();

    public SandboxLog(Action<string>? sink, ILogger? logger)
    {
        this.sink = sink;
        this.logger = logger;
    }

    public bool Enabled => sink != null || logger != null;

    public void Info(string line) => Write(LogLevel.Information, line);

    public void Error(string line) => Write(LogLevel.Error, line);

    private void Write(LogLevel level, string line)
    {
        if (!Enabled) return;
        var text = "sandbox: " + line;
        lock (gate)
        {
            try
            {
                sink?.Invoke(text);
                logger?.Log(level, "{Line}", text);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A failing log sink must not turn the sandbox's answers into errors; the line is lost, nothing else.
            }
        }
    }
}
