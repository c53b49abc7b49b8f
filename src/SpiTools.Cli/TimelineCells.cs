using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using SpiTools.Diagnosis;
using SpiTools.Diagnosis.Timeline;
using SpiTools.Services;
using SpiTools.Services.Pipelines;

namespace SpiTools.Cli
{
    /// <summary>The cells of a timeline row, shared by the table view and the tunnel tables.</summary>
    internal static class TimelineCells
    {
        public static string Time(DateTime? t) => t == null ? "" : SaTimeline.At(t.Value);

        public static string Event(string? kind, string? spi) => kind == null ? "" : spi == null ? kind : kind + " " + spi;

        public static string Seconds(double? seconds) => seconds == null ? "" : SaTimeline.Seconds(seconds.Value);

        /// <summary>The end that started a rekey (<see cref="SaTimelineEntry.Initiator"/>), on the row of its start (an event named Rekey…); empty on every other row.</summary>
        public static string StartedBy(SaTimelineEntry row) =>
            row.Rekey != null && row.Initiator != null && ((row.EventA ?? "").StartsWith("Rekey", StringComparison.Ordinal) || (row.EventB ?? "").StartsWith("Rekey", StringComparison.Ordinal))
                ? row.Initiator : "";

        public static string Offset(double? seconds) =>
            seconds == null ? "" : seconds.Value.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture);
    }
}
