using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using SpiTools.Diagnosis;

namespace SpiTools.Cli
{
    /// <summary>
    /// <c>--fail-on critical|warning|info|never</c> (diagnose, audit): the least severe finding that makes the exit code 4,
    /// so a scheduler can page on Critical only, or never. An <c>EndsAgree</c> finding (a clean tunnel) never counts.
    /// </summary>
    internal static class FailOnOption
    {
        public const string Critical = "critical", Warning = "warning", Info = "info", Never = "never";

        public static Option<string> Create(string byDefault, string what)
        {
            var option = new Option<string>("--fail-on")
            {
                Description = "Exit code 4 when a finding is at least this severe: critical, warning, info or never (default " + byDefault + "). " + what,
                DefaultValueFactory = _ => byDefault,
            };
            option.AcceptOnlyFromAmong(Critical, Warning, Info, Never);
            return option;
        }

        /// <summary>The severity rank (<see cref="FindingSeverity.Rank"/>) a finding needs to count; above every rank for "never".</summary>
        private static int Threshold(string? failOn) => (failOn ?? "").ToLowerInvariant() switch
        {
            Critical => FindingSeverity.Rank(FindingSeverity.Critical),
            Warning => FindingSeverity.Rank(FindingSeverity.Warning),
            Info => FindingSeverity.Rank(FindingSeverity.Info),
            _ => int.MaxValue,
        };

        /// <summary>True when one of <paramref name="findings"/> is at least as severe as <paramref name="failOn"/> asks.</summary>
        public static bool Fails(string? failOn, IEnumerable<Finding> findings)
        {
            int threshold = Threshold(failOn);
            return findings.Any(f => f.Code != FindingCodes.EndsAgree && FindingSeverity.Rank(f.Severity) >= threshold);
        }

        /// <summary>True when a device's summary counts a finding at least as severe as <paramref name="failOn"/> asks.</summary>
        public static bool Fails(string? failOn, DeviceAuditSummary summary)
        {
            int threshold = Threshold(failOn);
            return summary.CriticalCount > 0 && threshold <= FindingSeverity.Rank(FindingSeverity.Critical)
                || summary.WarningCount > 0 && threshold <= FindingSeverity.Rank(FindingSeverity.Warning)
                || summary.InfoCount > 0 && threshold <= FindingSeverity.Rank(FindingSeverity.Info);
        }
    }
}
