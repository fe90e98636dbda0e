using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Scripting;

namespace WeChatPay.Chain.Cli.Repl;

/// <summary>
/// The <c>wxpay repl</c> loop: reads a submission (more lines while it is incomplete), evaluates it, prints the result
/// or the error in one line. At a terminal, the prompt edits the line (arrows, Home/End, Backspace), recalls history
/// (Up/Down) and completes with Tab from Roslyn's completion service; with redirected input it reads plain lines.
/// </summary>
internal static class Repl
{
    public static async Task<int> RunAsync(ReplGlobals globals, CancellationToken cancellationToken)
    {
        using var session = new ReplSession(globals);
        var interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
        var history = new List<string>();
        if (interactive)
            Console.WriteLine("wxpay repl: C# with `wxpay` ready" + (globals.sandbox is null ? "" : " (against an in-process sandbox, also `sandbox`)") +
                ". Tab completes, Up/Down recall, an empty line or Ctrl+D on an empty prompt ends.");
        while (!cancellationToken.IsCancellationRequested)
        {
            var code = new StringBuilder();
            string? line;
            do
            {
                line = interactive ? await LineEditor.ReadAsync(code.Length == 0 ? "> " : "* ", history, text => session.CompleteAsync(code + text, cancellationToken)).ConfigureAwait(false)
                    : Console.ReadLine();
                if (line is null) return 0;
                code.Append(line).Append('\n');
            }
            while (!ReplSession.IsComplete(code.ToString()));
            var submission = code.ToString().TrimEnd();
            if (submission.Length == 0)
            {
                if (interactive) return 0;
                continue;
            }
            if (interactive) history.Add(submission);
            try
            {
                var printed = ReplPrinter.Format(await session.EvaluateAsync(submission, cancellationToken).ConfigureAwait(false));
                if (printed is not null) Console.WriteLine(printed);
            }
            catch (CompilationErrorException e)
            {
                Console.WriteLine("error: " + string.Join("; ", e.Diagnostics.Select(d => d.ToString())));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.WriteLine($"{e.GetType().Name}: {e.Message}");
            }
        }
        return 0;
    }
}
