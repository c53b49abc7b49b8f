#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Runs against the staged module: Invoke-SpiToolsPester.ps1 puts its folder first on PSModulePath.

BeforeAll {
    Import-Module SpiTools -Force
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $examples = Join-Path $root 'examples'
    $device = Join-Path $examples 'asa-stale-spi/device'
}

Describe 'Module' {
    It 'exports its cmdlets and nothing else' {
        (Get-Command -Module SpiTools).Name | Sort-Object |
            Should -Be @('Compare-SpiContext', 'Export-SpiReport', 'Get-AsaPacketTrace', 'Get-AsaVpnContext', 'Get-AsaVpnSession', 'Get-IkeSa', 'Get-IpsecLifetime', 'Get-IpsecSa', 'Get-SaEvent', 'Get-SaTimeline', 'Invoke-InactiveSaClear', 'Invoke-SpiAudit')
    }
    It 'has full help for <_>' -ForEach @('Get-IpsecSa', 'Get-AsaVpnContext', 'Get-AsaPacketTrace', 'Get-IpsecLifetime', 'Get-AsaVpnSession', 'Compare-SpiContext', 'Invoke-SpiAudit', 'Export-SpiReport', 'Get-IkeSa', 'Get-SaEvent', 'Get-SaTimeline', 'Invoke-InactiveSaClear') {
        $help = Get-Help $_ -Full
        # Without MAML, Get-Help makes a synopsis out of the syntax: a real synopsis does not start with the name.
        $help.Synopsis | Should -Not -Match "^\s*$_"
        ($help.Description.Text -join '') | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($p in $help.Parameters.Parameter) { ($p.Description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$($p.Name) needs a description" }
    }
    It 'has the about_SpiTools topic' {
        (Get-Help about_SpiTools | Out-String) | Should -Match 'Compare-SpiContext'
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
    It 'renders its table view whole at 80 columns' {
        $text = Get-IpsecSa -Path (Join-Path $device 'show-crypto-ipsec-sa.txt') | Out-String -Width 80
        $text | Should -Match 'Device\s+Peer\s+Dir\s+Spi\s+Cur\s+Packets\s+kB left\s+Sec left'
        $text | Should -Match '203\.0\.113\.10\s+Out 0xA19EC57E yes\s+0\s+4374000\s+27284'
        $text | Should -Not -Match '…'
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
    It 'stays quiet after the clear, with every record of the device read' {
        $after = Join-Path $examples 'asa-stale-spi/device-after-clear'
        Get-ChildItem $after | Compare-SpiContext -WarningVariable w | Should -BeNullOrEmpty
        $w | Should -BeNullOrEmpty
        (Get-IpsecSa $after).Count | Should -Be 4
        (Get-AsaVpnContext $after).Count | Should -BeGreaterThan 0
        (Get-AsaPacketTrace $after).EncryptVpnContext | Should -Match '^0x[0-9A-F]{8}$'
    }
    Context 'both ends of a tunnel' {
        BeforeAll { $ends = Join-Path $root 'tests/SpiTools.Core.Tests/Fixtures/ends' }
        It 'proves a clean tunnel only when asked' {
            $clean = 'fw-edge1', 'fw-branch' | ForEach-Object { Join-Path $ends "asa-clean/$_" }
            Compare-SpiContext -Path $clean | Should -BeNullOrEmpty
            $f = Compare-SpiContext -Path $clean -IncludeHealthy
            $f.Code | Should -Be 'EndsAgree'
            $f.PeerDevice | Should -Be 'fw-branch'
        }
        It 'pairs by hand with -PeerOf and names the end to clear' {
            $f = Get-ChildItem (Join-Path $ends 'asa-desync') -Directory | Compare-SpiContext -PeerOf @{ 'fw-edge1' = 'fw-branch' } |
                Where-Object { $_.Code -eq 'SpiDesync' -and $_.Device -eq 'fw-edge1' }
            $f.Spi | Should -Be '0xA19EC57E'
            $f.Remediation | Should -BeLike 'clear crypto ipsec sa entry 203.0.113.10 esp 0xA19EC57E on fw-edge1*'
        }
    }
}

Describe 'Remoting and jobs' {
    It 'keeps filters and views after Start-Job / Receive-Job' {
        $job = Start-Job -ScriptBlock {
            param($manifest, $device)
            Import-Module $manifest
            Get-IpsecSa -Path $device
            Compare-SpiContext -Path $device
        } -ArgumentList (Get-Module SpiTools).Path, $device
        $back = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force
        @($back | Where-Object Direction -eq Outbound).Count | Should -Be 2
        @($back | Where-Object Severity -eq Critical).Count | Should -Be 2
        @($back | Where-Object Code -eq StaleVpnContext).Spi | Should -Be '0x25A3076D'
        $back[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.SpiTools.IpsecSa'
        ($back | Where-Object { $_.PSObject.TypeNames[0] -eq 'Deserialized.SpiTools.IpsecSa' } | Out-String -Width 80) | Should -Match 'Dir\s+Spi\s+Cur'
    }
}

Describe 'A scheduled script' {
    It 'runs non-interactively and writes a report' {
        $csv = Join-Path $TestDrive 'report.csv'
        $script = Join-Path $TestDrive 'nightly.ps1'
        Set-Content $script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$((Get-Module SpiTools).Path)'
Get-ChildItem '$examples' -Directory -Recurse | Where-Object Name -eq 'device' | Compare-SpiContext | Export-Csv '$csv' -NoTypeInformation
"@
        # The pwsh of this session (under the dotnet tool the process itself is dotnet, running pwsh.dll).
        $pwsh = if ($PSVersionTable.PSEdition -eq 'Desktop') { Join-Path $PSHOME 'powershell.exe' }
                elseif ($IsWindows) { Join-Path $PSHOME 'pwsh.exe' } else { Join-Path $PSHOME 'pwsh' }
        & $pwsh -NoProfile -NonInteractive -File $script
        $LASTEXITCODE | Should -Be 0
        $rows = Import-Csv $csv
        $rows.Code | Should -Be @('StaleVpnContext', 'OneWayTraffic')
        ($rows | Where-Object Severity -eq Critical).Count | Should -Be 2
    }
}
