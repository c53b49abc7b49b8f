using System;

namespace SpiTools.Parsing
{
    // One SA's lines: its SPI, transform, settings, connection line, lifetime and replay fields.
    internal sealed partial class IpsecSaParser
    {
        private bool AcceptSaField(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            var sa = _sa!;
            char c0 = t[0];
            switch (c0 < 128 ? (char)(c0 | 0x20) : c0)
            {
                case 's':
                    if (t.StartsWithIgnoreCase("sa timing:")) ParseTiming(t, sa, line, ctx);
                    else if (t.StartsWithIgnoreCase(SlotKey)) ParseConnLine(t, sa, line, ctx);
                    else if (t.StartsWithIgnoreCase("SA State:")) { SeenAsa(); sa.State = Value(t, "SA State:"); }
                    else if (t.StartsWithIgnoreCase("Status:")) { SeenIos(); sa.Status = Value(t, "Status:"); }
                    else return false;
                    break;
                case 't':
                    if (t.StartsWithIgnoreCase(TransformKey)) sa.Transform = _pool.Get(t.Slice(TransformKey.Length).TrimWhiteSpace().TrimEnd(',').TrimWhiteSpace());
                    else return false;
                    break;
                case 'i':
                    if (t.StartsWithIgnoreCase("in use settings")) ParseSettings(t, sa);
                    else if (t.StartsWithIgnoreCase(IvSizeKey))
                    {
                        var v = t.Slice(IvSizeKey.Length).TrimWhiteSpace();
                        int sp = v.IndexOf(' ');
                        sa.IvSizeBytes = ParseText.Int32OrReport(sp > 0 ? v.Slice(0, sp) : v, ctx, line, "IV size");
                    }
                    else return false;
                    break;
                case 'c':
                    if (t.StartsWithIgnoreCase("conn id:") || t.StartsWithIgnoreCase("conn_id:")) ParseConnLine(t, sa, line, ctx);
                    else return false;
                    break;
                case 'n':
                    // IOS manually keyed SAs (OSPFv3 authentication, static keys) have no lifetime.
                    if (t.StartsWithIgnoreCase("no sa timing"))
                    {
                        _saTimingSeen = true;
                        AppendOther(sa, t);
                    }
                    else return false;
                    break;
                case 'k':
                    if (t.StartsWithIgnoreCase("Kilobyte Volume Rekey has been disabled")) { sa.VolumeRekeyDisabled = true; SeenIos(); }
                    else if (t.StartsWithIgnoreCase("Kilobyte Volume Rekey has been enabled")) sa.VolumeRekeyDisabled = false;
                    else return false;
                    break;
                case 'r':
                    if (t.StartsWithIgnoreCase(ReplayDetectionKey))
                    {
                        var v = t.Slice(ReplayDetectionKey.Length).TrimWhiteSpace();
                        sa.ReplayDetection = v.StartsWithIgnoreCase("Y");
                        int w = v.IndexOfIgnoreCase(ReplayWindowKey);
                        if (w >= 0) sa.ReplayWindowSize = ParseText.Int32OrReport(v.Slice(w + ReplayWindowKey.Length), ctx, line, "replay window size");
                    }
                    else return false;
                    break;
                case 'a':
                    if (t.StartsWithIgnoreCase(AntiReplayBitmapKey))
                    {
                        SeenAsa();
                        var v = t.Slice(AntiReplayBitmapKey.Length).TrimWhiteSpace();
                        if (!v.IsEmpty) sa.AntiReplayBitmap = _pool.Get(v);
                        _inBitmap = true;
                    }
                    else return false;
                    break;
                default:
                    return false;
            }
            sa.LastLine = line.Number;
            return true;
        }

        private void ParseSettings(ReadOnlySpan<char> t, IpsecSa sa)
        {
            int open = t.IndexOf('{'), close = t.LastIndexOf('}');
            var body = open >= 0 ? (close > open ? t.Slice(open + 1, close - open - 1) : t.Slice(open + 1)) : t.Slice(t.IndexOf('=') + 1);
            _settings.Get(body).ApplyTo(sa);
        }

        private IpsecSaSettingsReading ReadSettings(ReadOnlySpan<char> body)
        {
            var r = new IpsecSaSettingsReading();
            if (_scratch.Length < body.Length * 2 + 2) _scratch = new char[body.Length * 2 + 2];
            int n = 0;
            var rest = body;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (part.IsEmpty) continue;
                if (n > 0) { _scratch[n++] = ','; _scratch[n++] = ' '; }
                part.CopyTo(_scratch.AsSpan(n));
                n += part.Length;
                switch (part[0] | 0x20)
                {
                    case 'l':
                        if (part.EqualsIgnoreCase("L2L")) r.TunnelType = "L2L";
                        break;
                    case 'r':
                        if (part.EqualsIgnoreCase("RA")) r.TunnelType = "RA";
                        break;
                    case 't':
                        if (part.StartsWithIgnoreCase("Tunnel")) r.Mode = "Tunnel";
                        else if (part.StartsWithIgnoreCase("Transport")) r.Mode = "Transport";
                        break;
                    case 'i':
                        if (part.StartsWithIgnoreCase("IKEv1")) r.IkeVersion = "IKEv1";
                        else if (part.StartsWithIgnoreCase("IKEv2")) r.IkeVersion = "IKEv2";
                        break;
                    case 'p':
                        if (part.StartsWithIgnoreCase(PfsGroupKey) && SpanNumber.TryParseInt32(part.Slice(PfsGroupKey.Length), out int g)) r.PfsGroup = g;
                        break;
                }
            }
            // Neither marker holds a comma, so looking once in the whole list is looking in each setting.
            r.NatTraversal = body.IndexOfIgnoreCase("NAT-T") >= 0 || body.IndexOfIgnoreCase("UDP-Encaps") >= 0;
            r.Settings = n == 0 ? null : _pool.Get(new ReadOnlySpan<char>(_scratch, 0, n));
            return r;
        }

        private void ParseConnLine(ReadOnlySpan<char> t, IpsecSa sa, in CaptureLine line, ParseContext ctx)
        {
            var rest = t;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (part.IsEmpty) continue;
                bool known = true;
                switch (part[0] | 0x20)
                {
                    case 's':
                        if (part.StartsWithIgnoreCase(SlotKey)) sa.Slot = ParseText.Int32OrReport(part.Slice(SlotKey.Length), ctx, line, "slot");
                        else if (part.StartsWithIgnoreCase(SiblingFlagsKey)) sa.SiblingFlags = _pool.Get(part.Slice(SiblingFlagsKey.Length).TrimWhiteSpace());
                        else known = false;
                        break;
                    case 'c':
                        if (part.StartsWithIgnoreCase(AsaConnIdKey)) { SeenAsa(); sa.ConnectionId = ParseText.Int64OrReport(part.Slice(AsaConnIdKey.Length), ctx, line, "conn_id"); }
                        else if (part.StartsWithIgnoreCase(IosConnIdKey)) { SeenIos(); sa.ConnectionId = ParseText.Int64OrReport(part.Slice(IosConnIdKey.Length), ctx, line, "conn id"); }
                        else if (part.StartsWithIgnoreCase(AsaCryptoMapKey)) sa.SaCryptoMap = _pool.Get(part.Slice(AsaCryptoMapKey.Length).TrimWhiteSpace());
                        else if (part.StartsWithIgnoreCase(IosCryptoMapKey)) sa.SaCryptoMap = _pool.Get(part.Slice(IosCryptoMapKey.Length).TrimWhiteSpace());
                        else known = false;
                        break;
                    case 'f':
                        if (part.StartsWithIgnoreCase(FlowIdKey)) sa.FlowId = part.Slice(FlowIdKey.Length).TrimWhiteSpace().ToString();
                        else known = false;
                        break;
                    case 'i':
                        if (part.StartsWithIgnoreCase("initiator"))
                        {
                            var v = part.Slice(part.IndexOf(':') + 1).TrimWhiteSpace();
                            sa.Initiator = v.StartsWithIgnoreCase("T") ? true : v.StartsWithIgnoreCase("F") ? false : (bool?)null;
                        }
                        else known = false;
                        break;
                    default:
                        known = false;
                        break;
                }
                if (!known) AppendOther(sa, part);
            }
        }

        private void ParseTiming(ReadOnlySpan<char> t, IpsecSa sa, in CaptureLine line, ParseContext ctx)
        {
            _saTimingSeen = true;
            // "(kB/sec): (4373958/27285)", "(k/sec): (4608000/656)", "(sec): 548", "is not applicable", "1 hours, 10 mins"
            if (t.IndexOfIgnoreCase("k/sec") >= 0 || t.IndexOfIgnoreCase("kB/sec") >= 0)
            {
                if (t.IndexOfIgnoreCase("(k/sec)") >= 0) SeenIos();
                else SeenAsa();
                int open = t.LastIndexOf('('), slash = t.LastIndexOf('/'), close = t.LastIndexOf(')');
                if (open >= 0 && slash > open && close > slash)
                {
                    sa.RemainingKilobytes = ParseText.Int64OrReport(t.Slice(open + 1, slash - open - 1), ctx, line, "remaining kB");
                    sa.RemainingSeconds = ParseText.Int64OrReport(t.Slice(slash + 1, close - slash - 1), ctx, line, "remaining seconds");
                    return;
                }
            }
            else if (t.IndexOfIgnoreCase(SecondsKey) >= 0)
            {
                sa.RemainingSeconds = ParseText.Int64OrReport(t.Slice(t.IndexOfIgnoreCase(SecondsKey) + SecondsKey.Length), ctx, line, "remaining seconds");
                return;
            }
            else if (t.IndexOfIgnoreCase("not applicable") >= 0)
            {
                return;
            }
            else
            {
                int at = t.IndexOfIgnoreCase(LifetimeKey);
                var v = at >= 0 ? t.Slice(at + LifetimeKey.Length).TrimWhiteSpace() : default;
                if (TryParseDuration(v, out long seconds))
                {
                    sa.RemainingSeconds = seconds;
                    return;
                }
            }
            ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                "the SA's remaining lifetime could not be read");
        }

        /// <summary>"1 hours, 10 mins", "10 mins", "45 secs".</summary>
        private static bool TryParseDuration(ReadOnlySpan<char> v, out long seconds)
        {
            seconds = 0;
            bool any = false;
            var rest = v;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                int sp = part.IndexOf(' ');
                if (sp <= 0 || !SpanNumber.TryParseInt64(part.Slice(0, sp), out long n)) return false;
                var unit = part.Slice(sp + 1).TrimWhiteSpace();
                if (unit.StartsWithIgnoreCase("day")) seconds += n * 86400;
                else if (unit.StartsWithIgnoreCase("hour")) seconds += n * 3600;
                else if (unit.StartsWithIgnoreCase("min")) seconds += n * 60;
                else if (unit.StartsWithIgnoreCase("sec")) seconds += n;
                else return false;
                any = true;
            }
            return any;
        }
    }
}
