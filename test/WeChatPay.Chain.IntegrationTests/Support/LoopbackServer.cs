using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>
/// A raw TCP server on 127.0.0.1 for answers no real server gives: none at all (it accepts every connection, reads the
/// request and never answers), or the same bytes, written as given, to every request.
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly byte[]? _answer;
    private readonly ConcurrentBag<TcpClient> _connections = new();
    private int _accepted;

    private LoopbackServer(byte[]? answer)
    {
        _answer = answer;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Accepts connections and never answers.</summary>
    public static LoopbackServer Silent() => new(null);

    /// <summary>Answers every request with <paramref name="answer"/> (status line, headers and body) and closes the connection.</summary>
    public static LoopbackServer Answering(byte[] answer) => new(answer);

    /// <summary>The base URL to give a client.</summary>
    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    /// <summary>How many connections were accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient connection;
            try
            {
                connection = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                return; // stopped
            }
            Interlocked.Increment(ref _accepted);
            _connections.Add(connection);
            _ = AnswerAsync(connection);
        }
    }

    // Reads the request head (the tests send GETs), then answers, or holds the connection open without a word.
    private async Task AnswerAsync(TcpClient connection)
    {
        try
        {
            var stream = connection.GetStream();
            var buffer = new byte[16 * 1024];
            var seen = 0;
            while (seen < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(seen));
                if (read == 0) return;
                seen += read;
                if (System.Text.Encoding.ASCII.GetString(buffer, 0, seen).Contains("\r\n\r\n", StringComparison.Ordinal)) break;
            }
            if (_answer is null) return;
            await stream.WriteAsync(_answer);
            connection.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is System.IO.IOException)
        {
            // the client went away
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        foreach (var connection in _connections) connection.Dispose();
    }
}
