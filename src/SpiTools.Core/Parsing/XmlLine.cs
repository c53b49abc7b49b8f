using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// One line of pretty-printed XML as device APIs print it (Junos <c>| display xml</c>, the PAN-OS XML API): an element
    /// with its text on one line (<c>&lt;sa-spi&gt;bb0d675a&lt;/sa-spi&gt;</c>), an opening or closing tag alone, or several
    /// tags on one line (<c>&lt;response status="success"&gt;&lt;result&gt;</c>). Entities are decoded in values
    /// (the line repair may already have decoded them).
    /// </summary>
    internal readonly ref struct XmlLine
    {
        private XmlLine(ReadOnlySpan<char> name, ReadOnlySpan<char> value, bool isElement)
        {
            Name = name;
            Value = value;
            IsElement = isElement;
        }

        /// <summary>The tag's name (without attributes or namespace prefix); for a closing tag, the name after <c>/</c>.</summary>
        public ReadOnlySpan<char> Name { get; }

        /// <summary>The element's text, trimmed (entities not yet decoded: see <see cref="Decode"/>).</summary>
        public ReadOnlySpan<char> Value { get; }

        /// <summary>True for <c>&lt;name&gt;text&lt;/name&gt;</c> (or an empty <c>&lt;name/&gt;</c>); false for tags alone.</summary>
        public bool IsElement { get; }

        /// <summary>True when the line is XML: tags only, or one element with its text.</summary>
        public static bool TryParse(ReadOnlySpan<char> t, out XmlLine xml)
        {
            xml = default;
            if (t.Length < 3 || t[0] != '<' || t[t.Length - 1] != '>') return false;
            int close = t.IndexOf('>');
            var open = t.Slice(1, close - 1);
            if (open.IsEmpty) return false;
            if (open[0] == '/' || open[0] == '?' || open[0] == '!') return TagsOnly(t, out xml);
            var name = TagName(open);
            if (name.IsEmpty) return false;
            var rest = t.Slice(close + 1);
            if (open[open.Length - 1] == '/' && rest.IsEmpty) { xml = new XmlLine(name, default, true); return true; }
            int endTag = rest.LastIndexOf("</".AsSpan());
            if (endTag >= 0 && TagName(rest.Slice(endTag + 2, rest.Length - endTag - 3)).SequenceEqual(name))
            {
                // "<sa-direction><</sa-direction>" (an escaped '<' the line repair decoded) is an element; nested tags are not.
                var value = rest.Slice(0, endTag);
                if (value.IndexOf('<') < 0 || value.IndexOf('>') < 0)
                {
                    xml = new XmlLine(name, value.TrimWhiteSpace(), true);
                    return true;
                }
            }
            return TagsOnly(t, out xml);
        }

        private static bool TagsOnly(ReadOnlySpan<char> t, out XmlLine xml)
        {
            xml = default;
            var rest = t;
            ReadOnlySpan<char> first = default;
            while (!rest.IsEmpty)
            {
                if (rest[0] != '<') return false;
                int close = rest.IndexOf('>');
                if (close < 0) return false;
                var inner = rest.Slice(1, close - 1);
                if (first.IsEmpty) first = inner;
                rest = rest.Slice(close + 1).TrimWhiteSpace();
            }
            var name = first.Length > 0 && first[0] == '/' ? TagName(first.Slice(1)) : first.Length > 0 && (first[0] == '?' || first[0] == '!') ? first.Slice(0, 1) : TagName(first);
            xml = new XmlLine(name, default, false);
            return true;
        }

        private static ReadOnlySpan<char> TagName(ReadOnlySpan<char> inner)
        {
            int end = 0;
            while (end < inner.Length && inner[end] != ' ' && inner[end] != '/' && inner[end] != '>') end++;
            var name = inner.Slice(0, end);
            int colon = name.IndexOf(':');
            if (colon >= 0) name = name.Slice(colon + 1);
            foreach (char c in name)
                if (!(char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) return default;
            return name;
        }

        /// <summary>The value with <c>&amp;lt;</c>, <c>&amp;gt;</c>, <c>&amp;amp;</c>, <c>&amp;quot;</c>, <c>&amp;apos;</c> decoded.</summary>
        public static string Decode(ReadOnlySpan<char> value)
        {
            var s = value.ToString();
            if (s.IndexOf('&') < 0) return s;
            return s.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\"").Replace("&apos;", "'").Replace("&amp;", "&");
        }
    }
}
