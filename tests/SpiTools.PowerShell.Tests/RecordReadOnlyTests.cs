using System.Management.Automation;
using System.Security;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// Records are read-only outside the core: a script cannot change a record a cmdlet gave it (PowerShell's read-only
    /// error), yet reads, filters and exports it as before; and a record or an inventory row piped into a cmdlet comes
    /// out of it unchanged.
    /// </summary>
    public class RecordReadOnlyTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-readonly").FullName;

        public RecordReadOnlyTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose() => Directory.Delete(_dir, true);

        private Dictionary<string, object?> Vars()
        {
            var password = new SecureString();
            foreach (char c in "unused") password.AppendChar(c);
            return new Dictionary<string, object?> { ["cred"] = new PSCredential("netops", password), ["dir"] = _dir };
        }

        /// <summary>Assigns a property in a try block and outputs the error id, or "assigned" when PowerShell took the value.</summary>
        private const string Assign = @"
            function Set-Property($o, $name, $value) {
                try { $o.$name = $value; 'assigned' } catch { $_.FullyQualifiedErrorId + ': ' + $_.Exception.Message }
            }";

        [Fact]
        public void A_record_from_Get_IpsecSa_or_Invoke_SpiAudit_refuses_a_new_value_and_still_reads_and_exports()
        {
            // Port 1 on loopback refuses: the audit gives the device's Failed summary.
            var r = _ps.Run(Assign + @"
                $sa = Get-IpsecSa examples/asa-stale-spi/device | Where-Object Direction -eq Outbound | Select-Object -First 1
                $summary = Invoke-SpiAudit -ComputerName 127.0.0.1 -Port 1 -Credential $cred -ErrorAction SilentlyContinue | Where-Object RecordType -eq DeviceAuditSummary
                Set-Property $sa Device 'renamed'
                Set-Property $sa Spi '0x00000001'
                Set-Property $summary Status 'Healthy'
                Set-Property $summary ErrorId $null
                $sa.Device; $sa.Spi; $summary.Status; $summary.ErrorId
                $sa | Export-Csv (Join-Path $dir sa.csv) -NoTypeInformation
                (Import-Csv (Join-Path $dir sa.csv)).Spi
                ($summary | ConvertTo-Json | ConvertFrom-Json).Status
                @(Get-IpsecSa examples/asa-stale-spi/device | Where-Object Spi -eq $sa.Spi).Count", Vars()).ThrowOnError();
            var s = r.Strings();
            Assert.Equal(11, s.Count);
            for (int i = 0; i < 4; i++) Assert.Matches(@"^PropertyAssignmentException: '(Device|Spi|Status|ErrorId)' is a ReadOnly property\.$", s[i]);
            Assert.Equal(new[] { "fw-edge1", "0xA19EC57E", "Failed", "ConnectionRefused" }, s.Skip(4).Take(4));
            Assert.Equal(new[] { "0xA19EC57E", "Failed", "1" }, s.Skip(8));
        }

        [Fact]
        public void A_record_cannot_be_made_with_values_by_a_script_while_the_core_rebuilds_one_from_its_properties()
        {
            var r = _ps.Run(@"
                $t = (Get-Command Get-IpsecSa).OutputType.Type | Where-Object Name -eq IpsecSa
                $t.Name
                try { $null = [System.Management.Automation.LanguagePrimitives]::ConvertTo(@{ Spi = '0x25A3076D' }, $t); 'made' } catch { 'not made: ' + $_.Exception.Message }
                $f = Compare-SpiContext examples/asa-stale-spi/device | Select-Object -First 1
                $f | Export-Csv (Join-Path $dir f.csv) -NoTypeInformation
                Import-Csv (Join-Path $dir f.csv) | Export-SpiReport -Path (Join-Path $dir r.html) -PassThru | ForEach-Object Name", Vars()).ThrowOnError();
            var s = r.Strings();
            Assert.Equal(3, s.Count);
            Assert.Equal("IpsecSa", s[0]);
            Assert.StartsWith("not made: ", s[1]);
            Assert.Contains("\"Spi\" is a ReadOnly property", s[1]);
            Assert.Equal("r.html", s[2]);
            Assert.Contains(">StaleVpnContext<", File.ReadAllText(Path.Combine(_dir, "r.html")));
        }

        [Fact]
        public void Records_piped_into_Export_SpiReport_and_a_row_piped_into_the_audit_come_out_unchanged()
        {
            var r = _ps.Run(@"
                $records = @(Compare-SpiContext examples/asa-stale-spi/device) + @(Get-IpsecSa examples/asa-stale-spi/device)
                $row = [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = 1; Site = 'lab' }
                $before = ($records | ConvertTo-Json -Depth 3), ($row | ConvertTo-Json), ($records | ForEach-Object { $_.PSObject.Properties.Name -join ',' }) -join '|'
                $records | Export-SpiReport -Path (Join-Path $dir piped.html)
                $summary = $row | Invoke-SpiAudit -Credential $cred -ErrorAction SilentlyContinue | Where-Object RecordType -eq DeviceAuditSummary
                $after = ($records | ConvertTo-Json -Depth 3), ($row | ConvertTo-Json), ($records | ForEach-Object { $_.PSObject.Properties.Name -join ',' }) -join '|'
                $before -ceq $after
                $records.Count
                $summary.Site
                @($row.PSObject.Properties).Count", Vars()).ThrowOnError();
            var s = r.Strings();
            Assert.Equal("True", s[0]);
            Assert.True(int.Parse(s[1]) >= 6, s[1]);
            // The row's own column reached the summary, and the row gained nothing.
            Assert.Equal(new[] { "lab", "3" }, s.Skip(2));
        }
    }
}
