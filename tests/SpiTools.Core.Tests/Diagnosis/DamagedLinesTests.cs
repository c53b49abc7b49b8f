using SpiTools.Diagnosis;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    /// <summary>Damaged lines are told the same way in a reading cmdlet's warning and in the CaptureDamaged finding.</summary>
    public class DamagedLinesTests
    {
        private static ParseDiagnostic D(string code, int line) => new ParseDiagnostic { Code = code, Line = line, LastLine = line, Severity = DiagnosticSeverity.Warning, Source = "/x/fw.txt" };

        [Fact]
        public void The_warning_and_the_finding_use_one_wording()
        {
            var damage = new[] { D("RedactedValue", 3), D("RedactedValue", 4), D("RedactedValue", 9), D("SpiDecimalMismatch", 32) };
            string warning = CaptureReadService.DamageSummary("/x/fw.txt", damage);
            Assert.Equal("x/fw.txt: 4 damaged or unreadable lines (RedactedValue at lines 3, 4, 9; SpiDecimalMismatch at line 32); use -IncludeDiagnostic for details", warning);
            Assert.Equal("1 damaged or unreadable line", DamagedLines.Count(1));
            var many = Enumerable.Range(1, 10).Select(i => D("WrappedLine", i)).ToList();
            Assert.Equal("WrappedLine at lines 1, 2, 3, 4, 5, 6, 7, 8, …", DamagedLines.ByCode(many));
        }

        [Fact]
        public void Line_numbers_are_told_in_order_whatever_order_the_damage_was_found_in()
        {
            // A rejoined line is reported when its end is read, after lines that come later in the file.
            var damage = new[] { D("JoinedLine", 47), D("JoinedLine", 45), D("JoinedLine", 47), D("RedactedValue", 9), D("RedactedValue", 3) };
            Assert.Equal("JoinedLine at lines 45, 47; RedactedValue at lines 3, 9", DamagedLines.ByCode(damage));
        }
    }
}
