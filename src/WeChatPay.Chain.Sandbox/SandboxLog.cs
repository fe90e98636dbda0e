using System;
using Microsoft.Extensions.Logging;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// Where the sandbox's lines go: <see cref="SandboxOptions.Log"/> and <see cref="SandboxOptions.Logger"/>. Every caller
/// passes text built from names, statuses and ids only; this class adds nothing of its own.
/// </summary>
internal sealed class SandboxLog
{
    private readonly Action<string>? _sink;
    private readonly ILogger? _logger;
    private readonly object _gate = new();

    public SandboxLog(Action<string>? sink, ILogger? logger)
    {
        _sink = sink;
        _logger = logger;
    }

    public bool Enabled => _sink != null || _logger != null;

    public void Info(string line) => Write(LogLevel.Information, line);

    public void Error(string line) => Write(LogLevel.Error, line);

    private void Write(LogLevel level, string line)
    {
        if (!Enabled) return;
        var text = "sandbox: " + line;
        lock (_gate)
        {
            try
            {
                _sink?.Invoke(text);
                _logger?.Log(level, "{Line}", text);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A failing log sink must not turn the sandbox's answers into errors; the line is lost, nothing else.
            }
        }
    }
}
