#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Runs against the staged module (build.ps1 -Task Test puts out/ first on PSModulePath).

BeforeAll {
    Import-Module SpiTools -Force
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $examples = Join-Path $root 'examples'
    $device = Join-Path $examples 'asa-stale-spi/device'
}

Describe 'Module' {
    It 'exports its cmdlets and nothing else' {
        (Get-Command -Module SpiTools).Name | Sort-Object |
            Should -Be @('Compare-SpiContext', 'Get-AsaPacketTrace', 'Get-AsaVpnContext', 'Get-AsaVpnSession', 'Get-IkeSa', 'Get-IpsecLifetime', 'Get-IpsecSa', 'Get-SaEvent')
    }
    It 'has help for every cmdlet' -ForEach @('Get-IpsecSa', 'Get-AsaVpnContext', 'Get-AsaPacketTrace', 'Get-AsaVpnSession', 'Get-IpsecLifetime', 'Get-IkeSa', 'Get-SaEvent', 'Compare-SpiContext') {
        (Get-Help $_).Synopsis | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-IpsecSa' {
    It 'reads every SA of the seed capture' {
        $sa = Get-IpsecSa -Path (Join-Path $device 'show-crypto-ipsec-sa.txt')
        $sa.Count | Should -Be 4
        ($sa | Where-Object IsCurrentOutbound | Where-Object Peer -eq '203.0.113.10').Spi | Should -Be '0xA19EC57E'
        $sa[0].PSObject.TypeNames[0] | Should -Be 'SpiTools.IpsecSa'
    }
    It 'takes Get-ChildItem output and wildcards' {
        (Get-ChildItem $device -Filter 'show-crypto*' | Get-IpsecSa).Count | Should -Be 4
        (Get-IpsecSa -Path (Join-Path $device 'show-crypto-*.txt')).Count | Should -Be 4
    }
    It 'takes Get-Content lines and a whole string' {
        (Get-Content (Join-Path $device 'show-crypto-ipsec-sa.txt') | Get-IpsecSa).Count | Should -Be 4
        (Get-Content -Raw (Join-Path $device 'show-crypto-ipsec-sa.txt') | Get-IpsecSa).Count | Should -Be 4
    }
    It 'takes a Posh-SSH Invoke-SSHCommand result by property name' {
        $lines = Get-Content (Join-Path $device 'show-crypto-ipsec-sa.txt') | Select-Object -Skip 1
        $result = [pscustomobject]@{ Host = 'fw-lab9'; Output = [string[]]$lines; ExitStatus = 0; Error = ''; Duration = [timespan]::Zero }
        $result.PSObject.TypeNames.Insert(0, 'Renci.SshNet.SshCommand')
        $sa = $result | Get-IpsecSa
        $sa.Count | Should -Be 4
        $sa | ForEach-Object { $_.Device | Should -Be 'fw-lab9' }
    }
    It 'warns about a damaged capture and gives diagnostics on request' {
        $published = Join-Path $examples 'asa-stale-spi/show-crypto-ipsec-sa-peer.as-published.txt'
        Get-IpsecSa -Path $published -WarningVariable w -WarningAction SilentlyContinue | Out-Null
        $w | Should -Match 'SpiDecimalMismatch'
        (Get-IpsecSa -Path $published -IncludeDiagnostic | Where-Object { $_ -is [SpiTools.ParseDiagnostic] }).Code | Should -Contain 'SpiDecimalMismatch'
    }
    It 'reports a missing file as a non-terminating error and reads the others' {
        $sa = Get-IpsecSa -Path 'nope.txt', (Join-Path $device 'show-crypto-ipsec-sa.txt') -ErrorVariable e -ErrorAction SilentlyContinue
        $sa.Count | Should -Be 4
        $e[0].FullyQualifiedErrorId | Should -Match '^CaptureFileNotFound'
    }
    It 'round-trips through Export-Csv with stable headers' {
        $csv = Join-Path $TestDrive 'sa.csv'
        Get-IpsecSa -Path (Join-Path $device 'show-crypto-ipsec-sa.txt') | Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 4
        ($rows[0].PSObject.Properties.Name)[0..3] | Should -Be @('RecordType', 'Device', 'Source', 'Line')
        $rows.Spi | Should -Contain '0xA19EC57E'
    }
    It 'renders its table view' {
        (Get-IpsecSa -Path (Join-Path $device 'show-crypto-ipsec-sa.txt') | Format-Table | Out-String) | Should -Match 'RemoteIdent'
    }
}

Describe 'Get-AsaVpnContext and Get-AsaPacketTrace' {
    It 'reads the contexts and the trace' {
        (Get-AsaVpnContext -Path (Join-Path $device 'show-asp-table-vpn-context-detail.txt')).Count | Should -Be 5
        $trace = Get-ChildItem $device -Filter 'packet-tracer*' | Get-AsaPacketTrace
        $trace.EncryptVpnContext | Should -Be '0x2D2EA0A4'
        (Get-ChildItem $device -Filter 'packet-tracer*' | Get-AsaPacketTrace -Phase).Count | Should -Be 9
    }
}

Describe 'Compare-SpiContext' {
    It 'finds the stale context and nothing for the healthy peer' {
        $f = Get-ChildItem $device | Compare-SpiContext
        $f.Code | Should -Be @('StaleVpnContext', 'OneWayTraffic')
        $f.Peer | Should -Not -Contain '192.0.2.20'
        $f[0].Remediation | Should -Be 'clear crypto ipsec sa inactive'
    }
    It 'stays quiet after the clear' {
        Get-ChildItem (Join-Path $examples 'asa-stale-spi/device-after-clear') | Compare-SpiContext | Should -BeNullOrEmpty
    }
}

Describe 'Get-SaEvent' {
    It 'finds the two installs of seed 001 side A, 37 seconds apart' {
        $i = @(Get-SaEvent -Path (Join-Path $examples 'iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt') | Where-Object Kind -eq SaInstalled)
        $i.Count | Should -Be 2
        ($i[1].Time - $i[0].Time).TotalSeconds | Should -Be 37
    }
}
