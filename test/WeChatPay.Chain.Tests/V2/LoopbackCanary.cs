using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Tests.V2;

/// <summary>An HTTP listener on 127.0.0.1 that counts the requests it receives and answers each with a canary text.</summary>
public sealed class LoopbackCanary : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _requests;

    public LoopbackCanary(string answer)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        byte[] body = Encoding.UTF8.GetBytes(answer);
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    return;
                }
                Interlocked.Increment(ref _requests);
                context.Response.ContentType = "application/xml-dtd";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
    }

    /// <summary>The listener's base URL, ending in '/'.</summary>
    public string Url { get; }

    /// <summary>How many requests arrived so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
