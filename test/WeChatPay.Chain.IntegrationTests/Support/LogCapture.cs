using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>Keeps every line a host logs, at every level, with its category (and an exception's text, which counts too).</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Text)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        private readonly string _category;
        private readonly ConcurrentQueue<(LogLevel, string, string)> _lines;

        public Logger(string category, ConcurrentQueue<(LogLevel, string, string)> lines)
        {
            _category = category;
            _lines = lines;
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue((logLevel, _category, formatter(state, exception) + (exception is null ? string.Empty : "\n" + exception)));
    }
}
