using System;
using System.Management.Automation;
using SpiTools.Abstractions;
using SpiTools.Devices;

namespace SpiTools.Internal
{
    /// <summary>The one adapter from the core's <see cref="ICommandSink"/> to the cmdlet's pipeline (errors with their remedy: <see cref="ErrorRecords"/>).</summary>
    internal sealed class CmdletSink : ICommandSink
    {
        private readonly PSCmdlet _cmdlet;

        public CmdletSink(PSCmdlet cmdlet) => _cmdlet = cmdlet;

        /// <summary>
        /// When set, each <see cref="Finding"/> is written with this type name first (<c>SpiTools.Finding#Audit</c>), so
        /// the view of that name shows it (SpiTools.Format.ps1xml); the object is the same Finding.
        /// </summary>
        public string? FindingTypeName { get; set; }

        /// <summary>
        /// When set, each <see cref="IpsecSa"/> is written with this type name first (<c>SpiTools.IpsecSa#Audit</c>): a
        /// line under its device's findings, so the summaries after them still make one table; the object is the same IpsecSa.
        /// </summary>
        public string? SaTypeName { get; set; }

        public void Output(object item)
        {
            string? typeName = item is Finding ? FindingTypeName : item is IpsecSa ? SaTypeName : null;
            if (typeName != null)
            {
                var tagged = PSObject.AsPSObject(item);
                tagged.TypeNames.Insert(0, typeName);
                _cmdlet.WriteObject(tagged);
                return;
            }
            if (item is DeviceAuditSummary summary && summary.InventoryColumns().Count > 0)
            {
                // The inventory's own columns (Site, Owner, …) as properties of the summary; its own properties win a clash.
                var carried = new PSObject(summary);
                foreach (var column in summary.InventoryColumns())
                    if (carried.Properties[column.Key] == null) carried.Properties.Add(new PSNoteProperty(column.Key, column.Value));
                _cmdlet.WriteObject(carried);
                return;
            }
            _cmdlet.WriteObject(item);
        }

        public void Error(string errorId, SpiErrorCategory category, Exception exception, object? target) =>
            _cmdlet.WriteError(ErrorRecords.Create(exception, errorId, Map(category), target));

        // Messages can carry device text: control characters are shown (\e…), never sent to the host.
        public void Warning(string message) => _cmdlet.WriteWarning(UntrustedText.Visible(message)!);

        public void Verbose(string message) => _cmdlet.WriteVerbose(UntrustedText.Visible(message)!);

        public void Progress(int activityId, string activity, string status, int percent, bool completed = false) =>
            _cmdlet.WriteProgress(new ProgressRecord(activityId, activity, status)
            {
                PercentComplete = percent,
                RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            });

        public bool ShouldProcess(string target, string action) => _cmdlet.ShouldProcess(target, action);

        public bool IsStopping => _cmdlet.Stopping;

        internal static ErrorCategory Map(SpiErrorCategory category) => category switch
        {
            SpiErrorCategory.ObjectNotFound => ErrorCategory.ObjectNotFound,
            SpiErrorCategory.ReadError => ErrorCategory.ReadError,
            SpiErrorCategory.InvalidData => ErrorCategory.InvalidData,
            SpiErrorCategory.InvalidArgument => ErrorCategory.InvalidArgument,
            SpiErrorCategory.ConnectionError => ErrorCategory.ConnectionError,
            SpiErrorCategory.PermissionDenied => ErrorCategory.PermissionDenied,
            SpiErrorCategory.NotInstalled => ErrorCategory.NotInstalled,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
