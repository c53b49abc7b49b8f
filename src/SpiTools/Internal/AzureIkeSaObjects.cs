using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using SpiTools.Parsing;

namespace SpiTools.Internal
{
    /// <summary>
    /// The objects <c>Get-AzVirtualNetworkGatewayConnectionIkeSa</c> returns, piped into a cmdlet and bound by their
    /// <c>quickModeSa</c> property: written as the <c>ConvertTo-Json</c> text the core reads (<see cref="AzureIkeSaFormat"/>),
    /// read by property name, so live objects, deserialized ones and <c>ConvertFrom-Json</c> results all work.
    /// </summary>
    internal static class AzureIkeSaObjects
    {
        /// <summary>The parameter set of the cmdlets that take these objects.</summary>
        public const string ParameterSet = "AzureIkeSa";

        private static readonly string[] Scalars =
        {
            "localEndpoint", "remoteEndpoint", "encryption", "integrity", "pfsGroupId", "inboundSPI", "outboundSPI",
            "lifetimeKilobytes", "lifeTimeSeconds", "isSaInitiator", "elapsedTimeInseconds",
        };

        private static readonly string[] Lists = { "localTrafficSelectors", "remoteTrafficSelectors" };

        /// <summary>The text of one main-mode SA's quick-mode SAs, and the device they come from (the gateway's address), for the reader.</summary>
        public static List<string> ToText(object? quickModeSa, out string? device)
        {
            device = null;
            var lines = new List<string> { AzureIkeSaFormat.Cmdlet + " | ConvertTo-Json", "{", "  \"quickModeSa\": [" };
            // Items stay wrapped: a PSCustomObject's properties live on its PSObject, not on the object under it.
            var items = new List<object?>();
            var value = Unwrap(quickModeSa);
            if (value is IEnumerable e && !(value is string)) foreach (var item in e) items.Add(item);
            else if (quickModeSa != null) items.Add(quickModeSa);
            for (int i = 0; i < items.Count; i++)
            {
                var sa = PSObject.AsPSObject(items[i]);
                lines.Add("    {");
                var fields = new List<string>();
                foreach (var name in Scalars)
                {
                    var v = Unwrap(sa.Properties[name]?.Value);
                    if (v == null) continue;
                    if (name == "localEndpoint" && device == null) device = "azure-" + v;
                    fields.Add($"      \"{name}\": {Json(v)}");
                }
                foreach (var name in Lists)
                {
                    var v = Unwrap(sa.Properties[name]?.Value);
                    if (v == null) continue;
                    var sb = new StringBuilder();
                    if (v is IEnumerable list && !(v is string))
                        foreach (var s in list) sb.Append(sb.Length == 0 ? "" : ", ").Append(Json(Unwrap(s)?.ToString() ?? ""));
                    else sb.Append(Json(v.ToString()));
                    fields.Add($"      \"{name}\": [ {sb} ]");
                }
                for (int f = 0; f < fields.Count; f++) lines.Add(fields[f] + (f + 1 < fields.Count ? "," : ""));
                lines.Add(i + 1 < items.Count ? "    }," : "    }");
            }
            lines.Add("  ]");
            lines.Add("}");
            return lines;
        }

        private static object? Unwrap(object? value) => value is PSObject p ? p.BaseObject : value;

        private static string Json(object value)
        {
            switch (value)
            {
                case bool b: return b ? "true" : "false";
                case string s: return "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
                case System.IFormattable f when !(value is System.Enum): return f.ToString(null, CultureInfo.InvariantCulture);
                default: return Json(value.ToString() ?? "");
            }
        }
    }
}
