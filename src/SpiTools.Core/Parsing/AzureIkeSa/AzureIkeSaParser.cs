using System;
using System.Collections.Generic;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads Azure IKE SAs from their JSON token by token (so indentation and line breaks do not matter): each object at the top
    /// (or in the top array) is a main-mode SA, each object in its <c>quickModeSa</c> (<c>QuickModeSAs</c>) array a quick-mode SA;
    /// a quick-mode SA's inbound and outbound SAs are emitted when it closes, the main-mode SA's <see cref="IkeSa"/> when it closes.
    /// PowerShell's list view (<c>name : value</c>) gives the main-mode SA; it cannot show the quick-mode SAs, which is reported.
    /// </summary>
    internal sealed class AzureIkeSaParser : ISectionParser
    {
        private enum Frame { Main, Quick, QuickList, Selectors, Other }

        private readonly Stack<Frame> _frames = new Stack<Frame>();
        private readonly List<JsonTokens.Token> _tokens = new List<JsonTokens.Token>();
        private AzureSaValues? _main;
        private AzureSaValues? _quick;
        private string? _key;
        private string? _listKey;
        private bool _expectValue;
        private AzureSaValues? _listView;

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var t = line.Text;
            if (_frames.Count == 0 && TryListView(line, context)) return true;
            if (!JsonTokens.TrySplit(t, _tokens)) return false;
            foreach (var token in _tokens) Step(token, line.Number, context);
            return true;
        }

        public void Complete(ParseContext context)
        {
            FlushListView(context);
            if (_main != null || _quick != null)
            {
                context.Report(DiagnosticCodes.TruncatedRecord, DiagnosticSeverity.Warning, (_quick ?? _main)!.Line, default,
                    "the JSON ended inside an IKE SA; what was read of it is kept and marked incomplete");
                if (_quick != null) { foreach (var sa in _quick.ToIpsecSas(context)) { sa.Incomplete = true; context.Emit(sa); } }
                if (_main != null) { var ike = _main.ToIkeSa(); ike.Incomplete = true; context.Emit(ike); }
            }
            _main = _quick = null;
            _frames.Clear();
        }

        private void Step(JsonTokens.Token token, int line, ParseContext ctx)
        {
            switch (token.Kind)
            {
                case '{':
                    var frame = _frames.Count == 0 || (_frames.Peek() == Frame.Other && _frames.Count == 1 && _main == null) ? Frame.Main
                        : _frames.Peek() == Frame.QuickList ? Frame.Quick : Frame.Other;
                    if (frame == Frame.Main) _main = new AzureSaValues { Line = line, LastLine = line };
                    if (frame == Frame.Quick) _quick = new AzureSaValues { Line = line, LastLine = line };
                    _frames.Push(frame);
                    _key = null;
                    _expectValue = false;
                    return;
                case '}':
                    if (_frames.Count == 0) return;
                    var closed = _frames.Pop();
                    if (closed == Frame.Quick && _quick != null)
                    {
                        _quick.LastLine = line;
                        foreach (var sa in _quick.ToIpsecSas(ctx)) ctx.Emit(sa);
                        _main?.QuickModeSas.Add(_quick);
                        _quick = null;
                    }
                    else if (closed == Frame.Main && _main != null)
                    {
                        _main.LastLine = line;
                        ctx.Emit(_main.ToIkeSa());
                        _main = null;
                    }
                    _expectValue = false;
                    return;
                case '[':
                    // The top array, a main-mode SA's quickModeSa, or a quick-mode SA's traffic selectors.
                    var list = _frames.Count == 0 ? Frame.Other
                        : _expectValue && _key != null && _key.StartsWith("quickModeSa", StringComparison.OrdinalIgnoreCase) ? Frame.QuickList
                        : _expectValue && _key != null && _key.EndsWith("TrafficSelectors", StringComparison.OrdinalIgnoreCase) ? Frame.Selectors : Frame.Other;
                    _listKey = list == Frame.Selectors ? _key : null;
                    _frames.Push(list);
                    _expectValue = false;
                    return;
                case ']':
                    if (_frames.Count > 0) _frames.Pop();
                    _expectValue = false;
                    return;
                case ':':
                    _expectValue = true;
                    return;
                case ',':
                    _expectValue = false;
                    return;
            }
            // A string or a bare word: a key, a value, or an item of a list. A key before any brace: the text was recognised
            // inside its first main-mode SA (at "localEndpoint"), whose opening lines came before.
            if (_frames.Count == 0 && !_expectValue)
            {
                _main = new AzureSaValues { Line = line, LastLine = line };
                _frames.Push(Frame.Main);
            }
            var current = _frames.Count == 0 ? (Frame?)null : _frames.Peek();
            if (current == Frame.Selectors) { (_quick ?? _main)?.AddToList(_listKey!, token.Text); return; }
            if (!_expectValue) { _key = token.Text; return; }
            _expectValue = false;
            var target = current == Frame.Quick ? _quick : current == Frame.Main ? _main : null;
            if (target == null || _key == null) return;
            target.LastLine = line;
            target.Set(_key, token.Text);
        }

        /// <summary>PowerShell's list view of a main-mode SA: <c>localEndpoint              : 52.180.160.154</c>.</summary>
        private bool TryListView(in CaptureLine line, ParseContext ctx)
        {
            var t = line.Text;
            int colon = t.IndexOf(" : ".AsSpan());
            if (colon <= 0 || t[0] == '"' || t[0] == '{' || t[0] == '[') return false;
            var name = t.Slice(0, colon).TrimWhiteSpace().ToString();
            foreach (char c in name) if (!char.IsLetterOrDigit(c)) return false;
            var value = t.Slice(colon + 3).TrimWhiteSpace().ToString();
            if (name.Equals("localEndpoint", StringComparison.OrdinalIgnoreCase)) FlushListView(ctx);
            var sa = _listView ??= new AzureSaValues { Line = line.Number };
            sa.LastLine = line.Number;
            if (name.StartsWith("quickModeSa", StringComparison.OrdinalIgnoreCase))
            {
                if (value != "{}")
                    ctx.Report(DiagnosticCodes.TruncatedRecord, DiagnosticSeverity.Warning, line.Number, line.Raw,
                        "the list view does not show the quick-mode SAs (their SPIs); pipe the objects into the cmdlet, or give their ConvertTo-Json -Depth 4 text");
                return true;
            }
            sa.Set(name, value.Equals("True", StringComparison.Ordinal) ? "true" : value.Equals("False", StringComparison.Ordinal) ? "false" : value);
            return true;
        }

        private void FlushListView(ParseContext ctx)
        {
            if (_listView == null) return;
            ctx.Emit(_listView.ToIkeSa());
            _listView = null;
        }
    }
}
