using System;
using System.IO;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Devices;

namespace SpiTools.Cli
{
    /// <summary>
    /// The CLI's side of the seam the cmdlets use: records to a writer, errors to standard error with their ErrorId
    /// (and the exit code they call for) and, on a second line, what to do about them (<see cref="RemedyText"/>), warnings to standard error, progress on a terminal only, Ctrl+C as
    /// <see cref="IsStopping"/>.
    /// </summary>
    internal sealed class ConsoleSink : ICommandSink, IDisposable
    {
        private readonly Action<object> _output;
        private readonly TextWriter _stderr;
        private readonly bool _debug;
        private readonly bool _verbose;
        private readonly bool _progress;
        private int _stopping;
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private bool _progressShown;

        public ConsoleSink(Action<object> output, TextWriter stderr, bool debug, bool verbose = false)
        {
            _output = output;
            _stderr = stderr;
            _debug = debug;
            _verbose = verbose;
            _progress = !Console.IsErrorRedirected;
            Console.CancelKeyPress += OnCancel;
        }

        /// <summary>The exit code the errors so far call for.</summary>
        public int ExitCode { get; private set; } = ExitCodes.Ok;

        public bool IsStopping => Volatile.Read(ref _stopping) != 0;

        /// <summary>Cancelled by Ctrl+C: device work ends within a second.</summary>
        public CancellationToken Cancellation => _cancel.Token;

        public void Output(object item) => _output(item);

        public void Error(string errorId, SpiErrorCategory category, Exception exception, object? target)
        {
            ClearProgress();
            // Messages can carry device text: control characters are shown (\e…), never sent to the terminal.
            _stderr.WriteLine($"spitools: {UntrustedText.Visible(exception.Message)} [{errorId}]");
            if (RemedyText.For(errorId, exception) is { } remedy) _stderr.WriteLine($"spitools: what to do: {remedy}");
            if (_debug)
                foreach (var line in exception.ToString().Split('\n'))
                    _stderr.WriteLine(UntrustedText.Visible(line.TrimEnd('\r')));
            // The first failure decides the code; later ones are on standard error too.
            if (ExitCode == ExitCodes.Ok) ExitCode = ExitCodes.For(errorId);
        }

        public void Warning(string message)
        {
            ClearProgress();
            _stderr.WriteLine($"spitools: warning: {UntrustedText.Visible(message)}");
        }

        public void Verbose(string message)
        {
            if (!_verbose) return;
            ClearProgress();
            _stderr.WriteLine($"spitools: {UntrustedText.Visible(message)}");
        }

        public void Progress(int activityId, string activity, string status, int percent, bool completed = false)
        {
            if (!_progress) return;
            if (completed)
            {
                ClearProgress();
                return;
            }
            _stderr.Write($"\r{activity}: {percent,3}% ({status})\u001b[K");
            _progressShown = true;
        }

        /// <summary>
        /// Answers a state-changing action's confirmation: null (every verb but <c>clear-inactive</c>) says no. Set by
        /// <c>clear-inactive</c> from <c>--yes</c> / <c>--what-if</c>; there is no interactive prompt.
        /// </summary>
        public Func<string, string, bool>? Confirm { get; set; }

        public bool ShouldProcess(string target, string action) => Confirm?.Invoke(target, action) ?? false;

        /// <summary>Writes a line of the CLI's own to standard error (the line accounting).</summary>
        public void Note(string message)
        {
            ClearProgress();
            _stderr.WriteLine(message);
        }

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancel;
            _cancel.Dispose();
        }

        private void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // The first Ctrl+C stops reading and lets what was read be written; a second one ends the process.
            if (Interlocked.Exchange(ref _stopping, 1) == 0)
            {
                e.Cancel = true;
                _cancel.Cancel();
            }
        }

        private void ClearProgress()
        {
            if (!_progressShown) return;
            _stderr.Write("\r\u001b[K");
            _progressShown = false;
        }
    }
}
