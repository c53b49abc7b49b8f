using System;
using System.Collections.Generic;
using System.Globalization;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads the one-line VICI form of <c>swanctl --list-sas --raw</c>: <c>list-sa event {NAME {key=value … child-sas
    /// {CHILD {key=value …}}}}</c>, lists as <c>key=[a b]</c>. The IKE SA becomes an <see cref="IkeSa"/> (its
    /// <c>initiator-spi</c> / <c>responder-spi</c> are IKE SPIs), each child an inbound and an outbound <see cref="IpsecSa"/>
    /// from <c>spi-in</c> / <c>spi-out</c>. A line cut before its closing braces keeps what it holds, marked incomplete.
    /// </summary>
    internal sealed class StrongSwanViciParser : ISectionParser
    {
        /// <summary>A VICI section: its key/value pairs and its sub-sections, in order.</summary>
        private sealed class Section
        {
            public string Name = "";
            public readonly Dictionary<string, string> Values = new Dictionary<string, string>(StringComparer.Ordinal);
            public readonly List<Section> Children = new List<Section>();
            public Section? Child(string name) => Children.Find(c => c.Name == name);
            public string? this[string key] => Values.TryGetValue(key, out var v) ? v : null;
        }

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var text = line.Text.ToString();
            if (text == "list-sas reply {}" || text.StartsWith("list-sas reply {", StringComparison.Ordinal)) return true;
            if (!text.StartsWith("list-sa event {", StringComparison.Ordinal)) return false;
            var root = Read(text.Substring("list-sa event ".Length), out bool complete);
            if (!complete)
                context.Report(DiagnosticCodes.TruncatedRecord, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    "the VICI message ends before its closing braces; what it holds is kept and marked incomplete");
            foreach (var ike in root.Children) Emit(ike, line.Number, !complete, context);
            return true;
        }

        public void Complete(ParseContext context) { }

        private static void Emit(Section s, int line, bool incomplete, ParseContext ctx)
        {
            var ike = new IkeSa
            {
                Platform = "strongSwan",
                Line = line,
                LastLine = line,
                Incomplete = incomplete,
                IkeVersion = s["version"] is { } v ? "IKEv" + v : null,
                State = s["state"],
                TunnelId = s["uniqueid"],
                LocalAddress = s["local-host"],
                LocalPort = Int(s["local-port"]),
                Peer = s["remote-host"],
                PeerPort = Int(s["remote-port"]),
                LocalId = s["local-id"],
                RemoteId = s["remote-id"],
                Encryption = s["encr-alg"],
                KeySize = Int(s["encr-keysize"]),
                Hash = s["integ-alg"],
                Prf = s["prf-alg"],
                DhGroup = s["dh-group"],
                ActiveSeconds = Long(s["established"]),
                RemainingSeconds = Long(s["rekey-time"]) ?? Long(s["reauth-time"]),
            };
            bool initiator = s["initiator"] == "yes";
            ike.Role = s["initiator"] == null ? null : initiator ? IkeRole.Initiator : IkeRole.Responder;
            ike.LocalSpi = initiator ? s["initiator-spi"] : s["responder-spi"];
            ike.RemoteSpi = initiator ? s["responder-spi"] : s["initiator-spi"];
            StrongSwanListSasParser.AddOther(ike, "name", s.Name);
            var spis = new List<string>();
            foreach (var child in s.Child("child-sas")?.Children ?? new List<Section>())
            {
                var c = new FarEndChildSa("strongSwan", line)
                {
                    Incomplete = incomplete,
                    Connection = s.Name,
                    Tunnel = child["name"] ?? child.Name,
                    TunnelId = child["uniqueid"] is { } id ? "#" + id : null,
                    State = child["state"],
                    Mode = child["mode"] is { } mode ? StrongSwanListSasParser.Title(mode) : null,
                    NatTraversal = child["encap"] == "yes",
                    Protocol = (child["protocol"] ?? "ESP").ToLowerInvariant(),
                    Transform = child["encr-alg"] is { } alg ? alg + (child["encr-keysize"] is { } k ? "-" + k : "") + (child["integ-alg"] is { } integ ? "/" + integ : "") : null,
                    IkeVersion = ike.IkeVersion,
                    LocalEndpoint = ike.LocalAddress,
                    LocalPort = ike.LocalPort,
                    RemoteEndpoint = ike.Peer,
                    RemotePort = ike.PeerPort,
                    LocalSelectors = List(child["local-ts"]),
                    RemoteSelectors = List(child["remote-ts"]),
                    AgeSeconds = Long(child["install-time"]),
                    RekeySeconds = Long(child["rekey-time"]),
                    RemainingSeconds = Long(child["life-time"]),
                };
                if (child["spi-in"] is { } spiIn) FarEndChildSa.SetSpi(c.In, spiIn.AsSpan(), line);
                if (child["spi-out"] is { } spiOut) FarEndChildSa.SetSpi(c.Out, spiOut.AsSpan(), line);
                c.In.Bytes = Long(child["bytes-in"]);
                c.In.Packets = Long(child["packets-in"]);
                c.In.IdleSeconds = Long(child["use-in"]);
                c.Out.Bytes = Long(child["bytes-out"]);
                c.Out.Packets = Long(child["packets-out"]);
                c.Out.IdleSeconds = Long(child["use-out"]);
                spis.Add($"{c.In.Spi}/{c.Out.Spi}");
                c.Emit(ctx);
            }
            ike.ChildSaCount = spis.Count;
            if (spis.Count > 0) ike.ChildSpis = string.Join(";", spis);
            ctx.Emit(ike);
        }

        /// <summary>Reads <c>{…}</c> from the start of <paramref name="text"/> into a section tree.</summary>
        private static Section Read(string text, out bool complete)
        {
            var root = new Section();
            var stack = new Stack<Section>();
            var current = root;
            int i = 0;
            bool opened = false;
            complete = false;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == ' ') { i++; continue; }
                if (c == '{')
                {
                    if (!opened) { opened = true; i++; continue; }
                    i++;
                    continue;
                }
                if (c == '}')
                {
                    i++;
                    if (stack.Count == 0) { complete = true; break; }
                    current = stack.Pop();
                    continue;
                }
                int start = i;
                while (i < text.Length && text[i] != ' ' && text[i] != '=' && text[i] != '{' && text[i] != '}') i++;
                var word = text.Substring(start, i - start);
                if (i < text.Length && text[i] == '=')
                {
                    i++;
                    string value;
                    if (i < text.Length && text[i] == '[')
                    {
                        int close = text.IndexOf(']', i);
                        if (close < 0) close = text.Length;
                        value = text.Substring(i, Math.Min(close + 1, text.Length) - i);
                        i = close + 1;
                    }
                    else
                    {
                        int vs = i;
                        while (i < text.Length && text[i] != ' ' && text[i] != '}') i++;
                        value = text.Substring(vs, i - vs);
                    }
                    current.Values[word] = value;
                }
                else
                {
                    // "name {": a sub-section.
                    while (i < text.Length && text[i] == ' ') i++;
                    var section = new Section { Name = word };
                    current.Children.Add(section);
                    if (i < text.Length && text[i] == '{')
                    {
                        i++;
                        stack.Push(current);
                        current = section;
                    }
                }
            }
            return root;
        }

        private static string? List(string? value) => value?.Trim('[', ']').Trim();

        private static long? Long(string? v) => v != null && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : (long?)null;

        private static int? Int(string? v) => v != null && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : (int?)null;
    }
}
