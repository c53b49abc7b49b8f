using System;
using System.Collections.Generic;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads one or more packet-tracer runs: the phases (<c>Phase:</c>, <c>Type:</c>, <c>Subtype:</c>, <c>Result:</c>,
    /// <c>Config:</c>, <c>Additional Information:</c> with the rule's <c>key=value</c> fields, which may be wrapped
    /// over several lines) and the final <c>Result:</c> block. The encrypt phase is found by type and subtype,
    /// never by number.
    /// </summary>
    internal sealed class PacketTraceParser : ISectionParser
    {
        private enum Block { None, Config, Info, Result }

        private const int MaxAccumulated = 16384;

        private PacketTrace? _trace;
        private List<PacketTracePhase>? _phases;
        private PacketTracePhase? _phase;
        private Block _block;
        private bool _inResult;
        private bool _excerpted;
        private bool _sawResultAction;
        private string? _lastAddressKey; // "src" or "dst": what a following mask= / port= belongs to
        private bool _inRule;          // the last line read was one of a rule's field lines
        private bool _ruleLineOpen;    // ... and it ended with ',': the next line continues it, whatever it looks like
        private readonly StringBuilder _sb = new StringBuilder();

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var t = line.Text;
            EnsureTrace(line, context);
            var trace = _trace!;
            trace.LastLine = line.Number;

            // The echoed command, when the caller hands it over as the first line instead of through the context.
            if (t.StartsWithIgnoreCase("packet-tracer "))
            {
                if (_phases!.Count > 0)
                {
                    EmitTrace(context);
                    EnsureTrace(line, context);
                    trace = _trace!;
                }
                trace.Command = t.ToString();
                ParseFlow(t, trace);
                return true;
            }

            if (t.StartsWithIgnoreCase("Phase:"))
            {
                if (!SpanNumber.TryParseInt32(t.Slice(6), out int number)) return false;
                if (_inResult || (_phases!.Count > 0 && number <= (_phases[_phases.Count - 1].Number ?? 0) && number == 1))
                {
                    // A new run without an echoed command in between.
                    EmitTrace(context);
                    EnsureTrace(line, context);
                }
                _phase = new PacketTracePhase { Number = number, Line = line.Number, LastLine = line.Number };
                _phases!.Add(_phase);
                _block = Block.None;
                _inResult = false;
                _inRule = _ruleLineOpen = false;
                return true;
            }

            if (t.SequenceEqual("...".AsSpan()) || t.SequenceEqual("…".AsSpan()))
            {
                _excerpted = true;
                return true;
            }

            if (!_inResult && t.StartsWithIgnoreCase("Result:") && t.Slice(7).Trim().IsEmpty)
            {
                _inResult = true;
                _block = Block.Result;
                _phase = null;
                return true;
            }

            if (_inResult) return AcceptResultLine(t, trace);

            if (_phase == null) return false;
            _phase.LastLine = line.Number;

            if (TryField(t, "Type:", out var v)) { _phase.Type = NullIfEmpty(v); return true; }
            if (TryField(t, "Subtype:", out v)) { _phase.Subtype = NullIfEmpty(v); return true; }
            if (TryField(t, "Result:", out v)) { _phase.Result = NullIfEmpty(v); return true; }
            if (TryField(t, "Config:", out v))
            {
                _block = Block.Config;
                if (!v.IsEmpty) _phase.Config = Append(_phase.Config, v);
                return true;
            }
            if (t.StartsWithIgnoreCase("Additional Information:"))
            {
                _block = Block.Info;
                var rest = t.Slice("Additional Information:".Length).Trim();
                if (!rest.IsEmpty) _phase.AdditionalInformation = Append(_phase.AdditionalInformation, rest);
                return true;
            }

            // A phase is a few dozen lines; an endless one is not stored further (its lines are reported).
            if ((_phase.Config?.Length ?? 0) + (_phase.AdditionalInformation?.Length ?? 0) + (_phase.RuleAttributes?.Length ?? 0) + (_phase.RuleDetails?.Length ?? 0) > MaxAccumulated)
                return false;
            if (_block == Block.Config)
            {
                _phase.Config = Append(_phase.Config, t);
                return true;
            }
            if (_block == Block.Info)
            {
                if (t.StartsWithIgnoreCase("Forward Flow based lookup yields rule") || t.StartsWithIgnoreCase("Reverse Flow based lookup yields rule"))
                {
                    _phase.LookupFlow = char.ToUpperInvariant(t[0]) == 'F' ? "Forward" : "Reverse";
                    _inRule = _ruleLineOpen = false;
                    return true;
                }
                // A line after one ending in ',' continues that rule line even when it does not look like fields
                // ("reverse, flags=0x0, protocol=0").
                if (_ruleLineOpen || LooksLikeRuleFields(t))
                {
                    if (_inRule && !StartsRuleGroup(t))
                        context.Report(DiagnosticCodes.WrappedLine, DiagnosticSeverity.Warning, line.Number, line.Raw,
                            "the rule's previous line was wrapped onto this one; the fields were read together");
                    ParseRuleFields(t, _phase, line, context);
                    _inRule = true;
                    _ruleLineOpen = t[t.Length - 1] == ',';
                    return true;
                }
                _inRule = _ruleLineOpen = false;
                _phase.AdditionalInformation = Append(_phase.AdditionalInformation, t);
                return true;
            }
            return false;
        }

        public void Complete(ParseContext context) => EmitTrace(context);

        private bool AcceptResultLine(ReadOnlySpan<char> t, PacketTrace trace)
        {
            int colon = t.IndexOf(':');
            if (colon <= 0) return false;
            var key = t.Slice(0, colon).Trim();
            var value = t.Slice(colon + 1).Trim();
            string? s = value.IsEmpty ? null : value.ToString();
            if (Is(key, "input-interface")) trace.ResultInputInterface = s;
            else if (Is(key, "input-status")) trace.ResultInputStatus = s;
            else if (Is(key, "input-line-status")) trace.ResultInputLineStatus = s;
            else if (Is(key, "output-interface")) trace.OutputInterface = s;
            else if (Is(key, "output-status")) trace.OutputStatus = s;
            else if (Is(key, "output-line-status")) trace.OutputLineStatus = s;
            else if (Is(key, "Action"))
            {
                trace.Action = s?.ToLowerInvariant();
                _sawResultAction = true;
            }
            else if (Is(key, "Drop-reason")) trace.DropReason = s;
            else
            {
                if (trace.ResultInformation?.Length > MaxAccumulated) return false;
                trace.ResultInformation = Append(trace.ResultInformation, t);
            }
            return true;
        }

        private static bool Is(ReadOnlySpan<char> key, string name) => key.Equals(name.AsSpan(), StringComparison.OrdinalIgnoreCase);

        private static bool TryField(ReadOnlySpan<char> t, string name, out ReadOnlySpan<char> value)
        {
            if (t.StartsWithIgnoreCase(name))
            {
                value = t.Slice(name.Length).Trim();
                return true;
            }
            value = default;
            return false;
        }

        private static string? NullIfEmpty(ReadOnlySpan<char> v) => v.IsEmpty ? null : v.ToString();

        private static string Append(string? existing, ReadOnlySpan<char> more) =>
            existing == null ? more.ToString() : existing + "; " + more.ToString();

        /// <summary>
        /// True when a rule line starts one of the field groups the ASA prints on a line of their own
        /// (<c>in  id=</c>, <c>hits=</c>, <c>src …=</c>, <c>dst …=</c>, <c>input_ifc=</c>); any other start is a wrapped line.
        /// </summary>
        private static bool StartsRuleGroup(ReadOnlySpan<char> t) =>
            t.StartsWithIgnoreCase("in ") || t.StartsWithIgnoreCase("out ") || t.StartsWithIgnoreCase("hits=") ||
            t.StartsWithIgnoreCase("src ") || t.StartsWithIgnoreCase("dst ") ||
            t.StartsWithIgnoreCase("input_ifc=") || t.StartsWithIgnoreCase("output_ifc=");

        /// <summary>A rule line: <c>in  id=0x…, priority=…</c>, <c>hits=…</c>, <c>src ip/id=…</c>, <c>input_ifc=…</c>.</summary>
        private static bool LooksLikeRuleFields(ReadOnlySpan<char> t)
        {
            int eq = t.IndexOf('=');
            if (eq <= 0) return false;
            var key = t.Slice(0, eq).Trim();
            // the part before the first '=' is a field name, possibly after "in"/"out"
            foreach (char c in key)
                if (!(char.IsLetterOrDigit(c) || c == '_' || c == ' ' || c == '/' || c == '-')) return false;
            return key.Length <= 24;
        }

        private void ParseRuleFields(ReadOnlySpan<char> t, PacketTracePhase p, in CaptureLine line, ParseContext ctx)
        {
            var rest = t;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (part.IsEmpty) continue;
                int eq = part.IndexOf('=');
                if (eq < 0)
                {
                    p.RuleAttributes = Append(p.RuleAttributes, part);
                    continue;
                }
                var key = part.Slice(0, eq).Trim();
                var value = part.Slice(eq + 1).Trim();
                // "in  id=0x…" / "out id=0x…"
                if (key.StartsWithIgnoreCase("in ") || key.StartsWithIgnoreCase("out "))
                {
                    int sp = key.IndexOf(' ');
                    p.RuleDirection = key.Slice(0, sp).ToString().ToLowerInvariant();
                    key = key.Slice(sp + 1).Trim();
                }
                SetRuleField(key, value, p, line, ctx);
            }
        }

        private void SetRuleField(ReadOnlySpan<char> key, ReadOnlySpan<char> value, PacketTracePhase p, in CaptureLine line, ParseContext ctx)
        {
            if (Is(key, "id")) p.RuleId = value.ToString();
            else if (Is(key, "priority")) p.Priority = ParseText.Int32OrReport(value, ctx, line, "priority");
            else if (Is(key, "domain")) p.Domain = value.ToString();
            else if (Is(key, "deny")) p.Deny = Is(value, "true") ? true : Is(value, "false") ? false : (bool?)null;
            else if (Is(key, "hits")) p.Hits = ParseText.Int64OrReport(value, ctx, line, "hits");
            else if (Is(key, "user_data")) p.UserData = Hex32.Normalize(value) ?? value.ToString();
            else if (Is(key, "cs_id")) p.CsId = Hex32.Normalize(value) ?? value.ToString();
            else if (Is(key, "flags")) p.RuleFlags = value.ToString();
            else if (Is(key, "protocol")) p.RuleProtocol = ParseText.Int32OrReport(value, ctx, line, "protocol");
            else if (Is(key, "src ip") || Is(key, "src ip/id"))
            {
                p.SourceIp = value.ToString();
                _lastAddressKey = "src";
            }
            else if (Is(key, "dst ip") || Is(key, "dst ip/id"))
            {
                p.DestinationIp = value.ToString();
                _lastAddressKey = "dst";
            }
            else if (Is(key, "mask") && _lastAddressKey == "src" && p.SourceMask == null) p.SourceMask = value.ToString();
            else if (Is(key, "mask") && _lastAddressKey == "dst" && p.DestinationMask == null) p.DestinationMask = value.ToString();
            else if (Is(key, "port") && _lastAddressKey == "src" && p.SourcePort == null) p.SourcePort = ParseText.Int32OrReport(value, ctx, line, "src port");
            else if (Is(key, "port") && _lastAddressKey == "dst" && p.DestinationPort == null) p.DestinationPort = ParseText.Int32OrReport(value, ctx, line, "dst port");
            else if (Is(key, "input_ifc")) p.RuleInputInterface = value.ToString();
            else if (Is(key, "output_ifc")) p.RuleOutputInterface = value.ToString();
            else
            {
                if (Is(key, "src mac") || Is(key, "dst mac")) _lastAddressKey = "mac";
                p.RuleDetails = Append(p.RuleDetails, (key.ToString() + "=" + value.ToString()).AsSpan());
            }
        }

        private void EnsureTrace(in CaptureLine line, ParseContext ctx)
        {
            if (_trace != null) return;
            _trace = new PacketTrace { Line = line.Number, LastLine = line.Number };
            _phases = new List<PacketTracePhase>();
            _phase = null;
            _block = Block.None;
            _inResult = false;
            _excerpted = false;
            _sawResultAction = false;
            _inRule = _ruleLineOpen = false;
            if (ctx.Command != null)
            {
                _trace.Command = ctx.Command;
                ParseFlow(ctx.Command.AsSpan(), _trace);
            }
        }

        /// <summary>The flow from <c>packet-tracer input IFC PROTO SRC [SPORT|TYPE CODE] DST [DPORT] …</c>.</summary>
        private static void ParseFlow(ReadOnlySpan<char> command, PacketTrace trace)
        {
            var tokens = new List<string>();
            foreach (var tok in command.ToString().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)) tokens.Add(tok);
            if (tokens.Count < 5) return;
            trace.InputInterface = tokens[2];
            string proto = tokens[3].ToLowerInvariant();
            trace.Protocol = proto;
            int i = 4;
            trace.SourceAddress = tokens[i++].TrimEnd('.');
            if (proto == "tcp" || proto == "udp" || proto == "sctp")
            {
                if (i < tokens.Count && int.TryParse(tokens[i], out int sp)) { trace.SourcePort = sp; i++; }
                if (i < tokens.Count) trace.DestinationAddress = tokens[i++].TrimEnd('.');
                if (i < tokens.Count && int.TryParse(tokens[i], out int dp)) trace.DestinationPort = dp;
            }
            else if (proto == "icmp")
            {
                // icmp SRC TYPE CODE DST
                i += 2;
                if (i < tokens.Count) trace.DestinationAddress = tokens[i].TrimEnd('.');
            }
            else
            {
                // rawip SRC PROTO DST, and forms SpiTools does not know: take the next address-like token
                for (; i < tokens.Count; i++)
                    if (tokens[i].IndexOf('.') > 0 || tokens[i].IndexOf(':') > 0) { trace.DestinationAddress = tokens[i].TrimEnd('.'); break; }
            }
        }

        private void EmitTrace(ParseContext ctx)
        {
            var trace = _trace;
            if (trace == null) return;
            _trace = null;
            var phases = _phases!;
            trace.Phases = phases;
            trace.PhaseCount = phases.Count;
            _sb.Clear();
            foreach (var p in phases)
            {
                p.Source = ctx.Source;
                p.Device = ctx.Device;
                if (_sb.Length > 0) _sb.Append("; ");
                _sb.Append(p.Number).Append(' ').Append(p.Type ?? "?");
                if (p.Subtype != null) _sb.Append('/').Append(p.Subtype);
                if (p.Result != null) _sb.Append(' ').Append(p.Result);
                if (trace.HasEncryptPhase) continue;
                if (string.Equals(p.Type, "VPN", StringComparison.OrdinalIgnoreCase) && string.Equals(p.Subtype, "encrypt", StringComparison.OrdinalIgnoreCase))
                {
                    trace.HasEncryptPhase = true;
                    trace.EncryptPhaseNumber = p.Number;
                    trace.EncryptResult = p.Result;
                    trace.EncryptVpnContext = p.UserData;
                    trace.EncryptRuleHits = p.Hits;
                    trace.EncryptCsId = p.CsId;
                    trace.EncryptRuleId = p.RuleId;
                    trace.EncryptSource = Join(p.SourceIp, p.SourceMask);
                    trace.EncryptDestination = Join(p.DestinationIp, p.DestinationMask);
                }
            }
            trace.PhaseSummary = _sb.Length == 0 ? null : _sb.ToString();
            if (!_sawResultAction || _excerpted)
            {
                trace.Incomplete = true;
                string why = _excerpted ? "part of the trace was elided ('...')" : "the trace has no final Result/Action block";
                ctx.Report(DiagnosticCodes.TruncatedRecord, DiagnosticSeverity.Warning, trace.Line, default,
                    $"packet-tracer run at lines {trace.Line}-{trace.LastLine} is incomplete: {why}");
            }
            ctx.Emit(trace);
        }

        private static string? Join(string? ip, string? mask) => ip == null ? null : mask == null ? ip : ip + "/" + mask;
    }
}
