using System;
using System.Collections.Generic;
using SpiTools.Abstractions;

namespace SpiTools.Services
{
    /// <summary>
    /// Holds what one device's work writes on a worker thread, to be replayed on the caller's thread: a PowerShell
    /// pipeline may only be written from its own thread. Progress is dropped (the audit reports its own).
    /// </summary>
    internal sealed class BufferedSink : ICommandSink
    {
        private readonly List<Action<ICommandSink>> _events = new List<Action<ICommandSink>>();
        private readonly Func<bool> _stopping;

        public BufferedSink(Func<bool> stopping) => _stopping = stopping;

        /// <summary>The first error written (the device's failure, for its summary).</summary>
        public (string ErrorId, Exception Exception)? FirstError { get; private set; }

        public bool IsStopping => _stopping();

        public void Output(object item) => _events.Add(s => s.Output(item));

        public void Error(string errorId, SpiErrorCategory category, Exception exception, object? target)
        {
            FirstError ??= (errorId, exception);
            _events.Add(s => s.Error(errorId, category, exception, target));
        }

        public void Warning(string message) => _events.Add(s => s.Warning(message));

        public void Verbose(string message) => _events.Add(s => s.Verbose(message));

        public void Progress(int activityId, string activity, string status, int percent, bool completed = false)
        {
        }

        public bool ShouldProcess(string target, string action) => false;

        /// <summary>Writes everything held, in order, to <paramref name="sink"/>.</summary>
        public void ReplayTo(ICommandSink sink)
        {
            foreach (var e in _events) e(sink);
            _events.Clear();
        }
    }
}
