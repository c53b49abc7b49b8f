using SpiTools.Abstractions;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>Records what a core service writes, as a cmdlet's pipeline would receive it.</summary>
    internal sealed class FakeSink : ICommandSink
    {
        public List<object> Outputs { get; } = new();
        public List<(string Id, SpiErrorCategory Category, Exception Exception, object? Target)> Errors { get; } = new();
        public List<string> Warnings { get; } = new();
        public List<string> VerboseMessages { get; } = new();
        public Func<string, string, bool> Decide { get; set; } = (_, _) => true;
        public bool IsStopping { get; set; }

        public void Output(object item) => Outputs.Add(item);
        public void Error(string errorId, SpiErrorCategory category, Exception exception, object? target) => Errors.Add((errorId, category, exception, target));
        public void Warning(string message) => Warnings.Add(message);
        public void Verbose(string message) => VerboseMessages.Add(message);
        public List<(int Percent, bool Completed)> ProgressRecords { get; } = new();
        public void Progress(int activityId, string activity, string status, int percent, bool completed = false) => ProgressRecords.Add((percent, completed));
        public bool ShouldProcess(string target, string action) => Decide(target, action);
    }
}
