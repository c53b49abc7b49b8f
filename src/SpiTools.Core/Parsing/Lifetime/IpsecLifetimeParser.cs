using System;

namespace SpiTools.Parsing
{
    internal sealed class IpsecLifetimeParser : ISectionParser
    {
        private string? _profile;
        private IpsecLifetime? _global;

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var t = line.Text;
            if (t.StartsWithIgnoreCase("IPSEC profile "))
            {
                _profile = t.Slice(14).Trim().ToString();
                return true;
            }
            if (t.StartsWithIgnoreCase("Security association lifetime:"))
            {
                // "4608000 kilobytes/3600 seconds"
                var v = t.Slice(30).Trim();
                var r = new IpsecLifetime { Scope = _profile ?? "global", Line = line.Number, LastLine = line.Number };
                int slash = v.IndexOf('/');
                var kb = slash >= 0 ? v.Slice(0, slash).Trim() : v;
                var sec = slash >= 0 ? v.Slice(slash + 1).Trim() : default;
                if (kb.IndexOfIgnoreCase("kilobytes") > 0) r.Kilobytes = FirstNumber(kb);
                if (kb.IndexOfIgnoreCase("disable") >= 0 || kb.IndexOfIgnoreCase("unlimited") >= 0) r.KilobytesDisabled = true;
                if (sec.IndexOfIgnoreCase("second") > 0) r.Seconds = FirstNumber(sec);
                if (r.Kilobytes == null && r.Seconds == null && !r.KilobytesDisabled) return false;
                context.Emit(r);
                return true;
            }
            if (t.StartsWithIgnoreCase("crypto ipsec security-association lifetime "))
            {
                var v = t.Slice("crypto ipsec security-association lifetime ".Length).Trim();
                _global ??= new IpsecLifetime { Scope = "global", Line = line.Number };
                _global.LastLine = line.Number;
                if (v.StartsWithIgnoreCase("seconds")) _global.Seconds = FirstNumber(v.Slice(7));
                else if (v.StartsWithIgnoreCase("kilobytes"))
                {
                    var k = v.Slice(9).Trim();
                    if (k.StartsWithIgnoreCase("unlimited") || k.StartsWithIgnoreCase("disable")) _global.KilobytesDisabled = true;
                    else _global.Kilobytes = FirstNumber(k);
                }
                else return false;
                return true;
            }
            // The rest of a profile block (Responder-Only, PFS, Transform sets, …) describes the profile; it carries no lifetime.
            if (_profile != null && (t.StartsWithIgnoreCase("Responder-Only") || t.StartsWithIgnoreCase("PFS (Y/N)") || t.StartsWithIgnoreCase("Mixed-mode")
                || t.StartsWithIgnoreCase("Transform sets") || t[0] == '}' || t.IndexOf('{') > 0))
                return true;
            // Other lines of the ASA crypto ipsec configuration (transform sets, proposals).
            if (t.StartsWithIgnoreCase("crypto ipsec ") || t.StartsWithIgnoreCase("protocol esp ")) return true;
            return false;
        }

        public void Complete(ParseContext context)
        {
            if (_global != null) context.Emit(_global);
            _global = null;
        }

        private static long? FirstNumber(ReadOnlySpan<char> v)
        {
            v = v.Trim();
            int end = 0;
            while (end < v.Length && char.IsDigit(v[end])) end++;
            return SpanNumber.TryParseInt64(v.Slice(0, end), out long n) ? n : (long?)null;
        }
    }
}
