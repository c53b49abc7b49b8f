using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpiTools.Cli
{
    /// <summary>Fixed-width table views per record type, the same columns as the module's format views.</summary>
    internal sealed class TableView
    {
        private readonly (string Header, int Width, Func<object, string> Value)[] _columns;

        public TableView(params (string Header, int Width, Func<object, string> Value)[] columns)
        {
            _columns = columns;
        }

        public string Header() => Join(_columns.Select(c => c.Header));

        public string Rule() => Join(_columns.Select(c => new string('-', Math.Min(c.Header.Length, c.Width <= 0 ? c.Header.Length : c.Width))));

        public string Row(object record) => Join(_columns.Select(c => c.Value(record)));

        private string Join(IEnumerable<string> cells)
        {
            var sb = new StringBuilder();
            int i = 0;
            foreach (var cell in cells)
            {
                var width = _columns[i].Width;
                bool last = i == _columns.Length - 1;
                string text = cell ?? "";
                if (!last && width > 0)
                {
                    if (text.Length > width) text = text.Substring(0, width - 1) + "…";
                    sb.Append(text.PadRight(width)).Append(' ');
                }
                else
                {
                    sb.Append(text);
                }
                i++;
            }
            return sb.ToString().TrimEnd();
        }
    }
}
