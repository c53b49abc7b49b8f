using System;

namespace SpiTools.Abstractions
{

    /// <summary>
    /// The seam between the engine-free core and a front end (a PowerShell cmdlet, the CLI, a test).
    /// Core services write everything through it; the module's adapter maps it to <c>Cmdlet.Write*</c> and
    /// <c>ShouldProcess</c>.
    /// </summary>
    public interface ICommandSink
    {
        /// <summary>Writes a result object to the pipeline.</summary>
        void Output(object item);

        /// <summary>Writes a non-terminating error with a stable error id (see <c>ErrorIds</c>).</summary>
        void Error(string errorId, SpiErrorCategory category, Exception exception, object? target);

        /// <summary>Writes a warning (damaged capture, assumption made).</summary>
        void Warning(string message);

        /// <summary>Writes a verbose message.</summary>
        void Verbose(string message);

        /// <summary>Reports progress.</summary>
        void Progress(int activityId, string activity, string status, int percent, bool completed = false);

        /// <summary>Asks whether a state-changing action may go ahead (<c>-WhatIf</c>, <c>-Confirm</c>).</summary>
        bool ShouldProcess(string target, string action);

        /// <summary>True when the user pressed Ctrl+C.</summary>
        bool IsStopping { get; }
    }
}
