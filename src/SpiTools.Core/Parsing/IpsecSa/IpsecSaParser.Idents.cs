using System;

namespace SpiTools.Parsing
{
    // The local and remote idents, and the repair of an ident wrapped onto the next line.
    internal sealed partial class IpsecSaParser
    {
        private static bool IsIdent(ReadOnlySpan<char> t, string side)
        {
            if (!t.StartsWithIgnoreCase(side)) return false;
            var rest = t.Slice(side.Length).TrimStart();
            return rest.StartsWithIgnoreCase("ident") && rest.IndexOf('(') > 0;
        }

        private bool ParseIdent(ReadOnlySpan<char> t, bool local, in CaptureLine line, ParseContext ctx)
        {
            int open = t.LastIndexOf('(');
            int close = t.LastIndexOf(')');
            if (open < 0) return false;
            // An open value must follow the label's ':' ("local ident (ad" is a cut label, not a value).
            if (close < open && (t.Slice(open + 1).TrimWhiteSpace().IsEmpty || t.Slice(0, open).IndexOf(':') < 0)) return false;
            var e = local ? EntryForNewField(ctx, identField: _entryHasIdent && Entry().LocalIdent != null) : Entry();
            if (local && (_entrySaCount > 0 || _entryHasSaHeaders)) e = EntryForNewField(ctx, identField: true);
            Touch(line);
            _entryHasIdent = true;
            if (close < open)
            {
                // "(10.1.1.0/255.255.255.0/0/0" without its ")": wrapped onto the next line, or cut. The next line decides
            // (a tail holds no space: an IPv6 tail may hold ':', a "name: value" line never lacks its space).
                _openIdent = new IpsecSaOpenIdent(e, local, t.Slice(open + 1).TrimWhiteSpace().ToString(), line.Number, line.Raw.ToString());
                return true;
            }
            SetIdent(e, local, t.Slice(open + 1, close - open - 1).TrimWhiteSpace(), line, ctx);
            return true;
        }

        private IpsecSaOpenIdent? _openIdent;

        /// <summary>
        /// Ends an ident left open by the previous line: a next line holding only its tail ("55.255.0/0/0)") is
        /// rejoined to it; otherwise the ident is read as printed, to the end of its line. True when this line was the tail.
        /// </summary>
        private bool FinishOpenIdent(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            var open = _openIdent!;
            _openIdent = null;
            if (!t.IsEmpty && t[t.Length - 1] == ')' && t.IndexOfAny(' ', '(', '=') < 0 && t.IndexOf('#') < 0)
            {
                SetIdent(open.Entry, open.Local, (open.Body + t.Slice(0, t.Length - 1).ToString()).AsSpan(), line, ctx);
                ctx.Report(DiagnosticCodes.WrappedLine, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    "the ident was wrapped onto this line; the parts were rejoined");
                return true;
            }
            var cut = new CaptureLine(open.Line, open.Body.AsSpan(), 0, open.Raw.AsSpan());
            ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, cut.Number, cut.Raw,
                "the ident's closing parenthesis is missing; it was read to the end of the line");
            SetIdent(open.Entry, open.Local, cut.Text, cut, ctx);
            return false;
        }

        private void SetIdent(IpsecSa e, bool local, ReadOnlySpan<char> body, in CaptureLine line, ParseContext ctx)
        {
            // addr/mask/prot/port, where an IPv6 address holds no '/', so split from the right.
            int p3 = body.LastIndexOf('/');
            int p2 = p3 > 0 ? body.Slice(0, p3).LastIndexOf('/') : -1;
            int p1 = p2 > 0 ? body.Slice(0, p2).LastIndexOf('/') : -1;
            string ident = _pool.Get(body);
            string? addr = null, mask = null;
            int? prot = null, port = null;
            if (p1 > 0)
            {
                addr = _pool.Get(body.Slice(0, p1));
                mask = _pool.Get(body.Slice(p1 + 1, p2 - p1 - 1));
                prot = ParseText.Int32OrReport(body.Slice(p2 + 1, p3 - p2 - 1), ctx, line, "ident protocol");
                port = ParseText.Int32OrReport(body.Slice(p3 + 1), ctx, line, "ident port");
            }
            else
            {
                ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    "ident is not addr/mask/prot/port; it is kept as printed");
            }
            if (local)
            {
                e.LocalIdent = ident; e.LocalIdentAddress = addr; e.LocalIdentMask = mask; e.LocalIdentProtocol = prot; e.LocalIdentPort = port;
            }
            else
            {
                e.RemoteIdent = ident; e.RemoteIdentAddress = addr; e.RemoteIdentMask = mask; e.RemoteIdentProtocol = prot; e.RemoteIdentPort = port;
            }
        }
    }
}
