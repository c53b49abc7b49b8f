using System.Diagnostics;
using System.Text;
using System.Threading;
using SpiTools.Devices;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    /// <summary>The terminal text stays bounded in width, line length and work whatever a device sends.</summary>
    public class TerminalTextTests
    {
        private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

        [Fact]
        public void Ordinary_terminal_output_still_reads_as_before()
        {
            var t = new TerminalText();
            t.Append("interface: outside\r\n   Crypto map tag: CMAP\r\n              \rlocal ident\r\n"); // blanks returned over
            t.Append("abc\b\bXY\r\n");                    // backspaces overwrite
            t.Append("old text\x1b[2K\rnew\r\n");          // erase line, then write over it
            t.Append("\x1b[1mbold\x1b[0m\x1b]0;title\a\r\n"); // colours and a title string dropped
            t.Append("fw-edge1# ");
            Assert.Equal("interface: outside\n   Crypto map tag: CMAP\nlocal ident\naXY\nnew\nbold\n", t.Committed);
            Assert.Equal("fw-edge1# ", t.CurrentLine);
            Assert.Equal(0, t.CutLines);
        }

        [Fact]
        public void Cursor_movement_stops_at_the_right_margin()
        {
            var t = new TerminalText(80);
            t.Append("\x1b[99999Cx");
            Assert.Equal(80, t.CurrentLine.Length);           // 79 blanks of padding, then the x at the last column
            Assert.Equal('x', t.CurrentLine[79]);
            t.Append("\x1b[99999G\x1b[99999Cy");
            Assert.Equal(80, t.CurrentLine.Length);
            Assert.Equal('y', t.CurrentLine[79]);
        }

        [Fact]
        public void A_cursor_flood_with_returns_holds_no_more_than_one_line_of_the_width()
        {
            // 64 KB of cursor-forward and carriage returns (what stalled the tool for minutes and grew it to 1.6 GB).
            var flood = Repeat("\x1b[99999C\r", 64 * 1024 / 9) + Repeat("\x1b[99999Cz\r", 64 * 1024 / 10);
            var t = new TerminalText();
            var clock = Stopwatch.StartNew();
            t.Append(flood);
            t.Append("\nfw-edge1# ");
            // A generous bound: before, the first 1.8 KB of this took minutes.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
            Assert.True(t.CommittedLength <= 64 * 1024 / 10 * (TerminalText.DefaultWidth + 1) + 2);
            Assert.Equal("fw-edge1# ", t.CurrentLine);
        }

        [Fact]
        public void Erasing_left_of_a_long_line_again_and_again_costs_nothing_more()
        {
            var t = new TerminalText();
            t.Append(new string('a', TerminalText.DefaultMaxLineLength));
            var clock = Stopwatch.StartNew();
            t.Append(Repeat("\x1b[1K", 256 * 1024));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
            t.Append("\r\n");
            Assert.Equal("\n", t.Committed); // all erased, the blanks trimmed
        }

        [Fact]
        public void An_over_long_line_is_cut_and_counted_and_the_next_line_is_whole()
        {
            var t = new TerminalText(512, 1024);
            t.Append(new string('a', 5000) + "\r\nnext line\r\n");
            Assert.Equal(new string('a', 1024) + "\nnext line\n", t.Committed);
            Assert.Equal(1, t.CutLines);
        }

        [Fact]
        public void The_short_current_line_is_empty_for_a_line_longer_than_any_prompt()
        {
            var t = new TerminalText();
            t.Append(new string('b', TerminalText.PromptScanLength + 1));
            Assert.Equal("", t.ShortCurrentLine);
            t.Append("\r\nfw-edge1# ");
            Assert.Equal("fw-edge1# ", t.ShortCurrentLine);
        }

        [Fact]
        public void Cancellation_and_the_stop_condition_are_seen_inside_one_chunk()
        {
            var chunk = Repeat("\x1b[99999Cx\r\n", 100_000);
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            var t = new TerminalText();
            Assert.Throws<OperationCanceledException>(() => t.Append(chunk, cts.Token, null));
            Assert.True(t.LineCount < 1000, $"{t.LineCount} lines fed after the cancellation");

            var u = new TerminalText();
            Assert.False(u.Append(chunk, CancellationToken.None, () => u.Length > 100_000));
            Assert.True(u.Length < 100_000 + TerminalText.CheckEvery * (TerminalText.DefaultWidth + 1));
        }

        [Fact]
        public void The_head_lines_and_the_rest_come_out_without_splitting_the_whole_output()
        {
            var t = new TerminalText();
            t.Append("show crypto ipsec sa\r\ninterface: outside\r\nline 3\r\n");
            Assert.Equal(new[] { "show crypto ipsec sa", "interface: outside" }, t.FirstLines(2));
            Assert.Equal("interface: outside\nline 3\n", t.CommittedFrom(1));
            Assert.Equal("", t.CommittedFrom(3));
            Assert.Equal("show", t.Head(4));
        }
    }
}
