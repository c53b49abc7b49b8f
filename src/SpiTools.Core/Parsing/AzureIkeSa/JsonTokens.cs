using System;
using System.Collections.Generic;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>The JSON tokens of one line: punctuation, strings (unescaped), and bare words (numbers, <c>true</c>, <c>false</c>, <c>null</c>).</summary>
    internal static class JsonTokens
    {
        /// <summary>A token: its kind is the punctuation character, <c>'"'</c> for a string, <c>'w'</c> for a bare word.</summary>
        internal readonly struct Token
        {
            public Token(char kind, string text) { Kind = kind; Text = text; }
            public char Kind { get; }
            public string Text { get; }
        }

        /// <summary>Splits a line into tokens; false when it holds something that is not JSON.</summary>
        public static bool TrySplit(ReadOnlySpan<char> line, List<Token> tokens)
        {
            tokens.Clear();
            int i = 0;
            var sb = new StringBuilder();
            while (i < line.Length)
            {
                char c = line[i];
                if (c == ' ') { i++; continue; }
                if (c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',') { tokens.Add(new Token(c, "")); i++; continue; }
                if (c == '"')
                {
                    sb.Clear();
                    i++;
                    bool closed = false;
                    while (i < line.Length)
                    {
                        char s = line[i++];
                        if (s == '"') { closed = true; break; }
                        if (s == '\\' && i < line.Length)
                        {
                            char e = line[i++];
                            sb.Append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'u' && i + 4 <= line.Length ? Unicode(line.Slice(i, 4), ref i) : e);
                        }
                        else sb.Append(s);
                    }
                    if (!closed) return false;
                    tokens.Add(new Token('"', sb.ToString()));
                    continue;
                }
                int start = i;
                while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] == '-' || line[i] == '+' || line[i] == '.')) i++;
                if (i == start) return false;
                var word = line.Slice(start, i - start).ToString();
                if (!(word == "true" || word == "false" || word == "null" || char.IsDigit(word[0]) || word[0] == '-')) return false;
                tokens.Add(new Token('w', word));
            }
            return true;
        }

        private static char Unicode(ReadOnlySpan<char> hex, ref int i)
        {
            int v = 0;
            foreach (char h in hex)
            {
                int d = Hex32.HexDigit(h);
                if (d < 0) return '?';
                v = v * 16 + d;
            }
            i += 4;
            return (char)v;
        }
    }
}
