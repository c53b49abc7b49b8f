using System.Reflection;
using SpiTools.Diagnosis;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    /// <summary>A finding is built complete and never changes once handed out.</summary>
    public class FindingImmutabilityTests
    {
        private static bool IsInitOnly(PropertyInfo p) =>
            p.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

        [Fact]
        public void Every_public_property_of_a_finding_is_set_only_where_it_is_made()
        {
            var properties = typeof(Finding).GetProperties(BindingFlags.Public | BindingFlags.Instance);
            Assert.Contains(properties, p => p.Name == nameof(Finding.Device));
            // Init-only, and not public: PowerShell, which sets init-only properties like any other, shows them read-only.
            Assert.Empty(properties.Where(p => p.SetMethod != null && !IsInitOnly(p)).Select(p => p.Name));
            Assert.Empty(properties.Where(p => p.GetSetMethod() != null).Select(p => p.Name));
            // Still filled by an object initializer inside the core, as the checks and the report reading records back make them.
            var f = new Finding { Code = FindingCodes.InvalidSpi, Device = "fw-edge1", Line = 7 };
            Assert.Equal(("InvalidSpi", "fw-edge1", 7), (f.Code, f.Device, f.Line));
        }

        [Fact]
        public void A_finding_handed_to_the_reader_keeps_its_own_device_and_lines_while_a_parsed_record_is_named()
        {
            // The record interface gives no setter: a finding cannot be renamed through it.
            Assert.All(typeof(ICaptureRecord).GetProperties(), p => Assert.Null(p.SetMethod));
            var context = new ParseContext("b.txt") { Device = "ciscoasa", Identity = "10.0.0.1" };
            var finding = new Finding { Code = FindingCodes.StaleVpnContext, Device = "fw-edge1", Source = "a.txt", Line = 3, LastLine = 4 };
            context.Emit(finding);
            Assert.True(context.TryDequeue(out var handed));
            Assert.Same(finding, handed);
            Assert.Equal(("fw-edge1", "a.txt", 3, 4), (finding.Device, finding.Source, finding.Line, finding.LastLine));
            // A record the reader made is still named by the reader, as it is handed out.
            var sa = new IpsecSa { Spi = "0x25A3076D", Line = 9 };
            context.Emit(sa);
            Assert.True(context.TryDequeue(out _));
            Assert.Equal(("10.0.0.1", "b.txt", 9, 9), (sa.Device, sa.Source, sa.Line, sa.LastLine));
        }

        [Fact]
        public void The_diagnosis_hands_out_findings_complete_with_their_device_and_lines()
        {
            var folder = Captures.PathOf("asa-stale-spi/device");
            var records = Directory.EnumerateFiles(folder).OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(f => CaptureParser.ParseFile(f, new CaptureParseOptions { Device = "fw-edge1" })).ToList();
            var findings = SpiDiagnosis.Diagnose(records).ToList();
            Assert.NotEmpty(findings);
            Assert.All(findings, f =>
            {
                Assert.Equal("fw-edge1", f.Device);
                Assert.False(string.IsNullOrEmpty(f.SourceLines));
                Assert.NotNull(f.Source);
                Assert.True(f.Line > 0 && f.LastLine == f.Line, $"{f.Code}: line {f.Line}, last line {f.LastLine}");
                Assert.StartsWith(Path.GetFileName(f.Source!) + ":" + f.Line, f.SourceLines);
            });
            // Two diagnoses of the same records give equal findings: nothing handed out by one is changed by the other.
            var again = SpiDiagnosis.Diagnose(records).ToList();
            Assert.Equal(findings.Select(f => f.ToString() + f.SourceLines), again.Select(f => f.ToString() + f.SourceLines));
        }
    }
}
