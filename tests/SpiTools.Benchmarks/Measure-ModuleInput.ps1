<#
.SYNOPSIS
    Time and peak memory of the module's input paths on one capture, each in a fresh PowerShell.
.EXAMPLE
    dotnet run -c Release --project tests/SpiTools.Benchmarks -- generate asa 100000 /tmp/asa-100k.txt
    dotnet publish src/SpiTools -c Release -o out/SpiTools
    dotnet tool restore
    dotnet pwsh -NoProfile -File tests/SpiTools.Benchmarks/Measure-ModuleInput.ps1 -Capture /tmp/asa-100k.txt -Module ./out/SpiTools
#>
param(
    [Parameter(Mandatory)] [string] $Capture,
    [Parameter(Mandatory)] [string] $Module
)
$ErrorActionPreference = 'Stop'
$manifest = (Resolve-Path (Join-Path $Module 'SpiTools.psd1')).Path
$file = (Resolve-Path $Capture).Path
$modes = [ordered]@{
    'Get-Content | Measure-Object (PowerShell alone)' = '(Get-Content $file | Measure-Object).Count'
    'Get-Content | Get-IpsecSa'                       = '(Get-Content $file | Get-IpsecSa | Measure-Object).Count'
    'Get-IpsecSa -Path'                               = '(Get-IpsecSa -Path $file | Measure-Object).Count'
}
$pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
foreach ($name in $modes.Keys) {
    $script = "Import-Module '$manifest'; `$file = '$file'; `$sw = [Diagnostics.Stopwatch]::StartNew(); `$n = $($modes[$name]); " +
              "'{0} objects, {1:F1} s, peak {2} MiB' -f `$n, `$sw.Elapsed.TotalSeconds, [int]((Get-Process -Id `$PID).PeakWorkingSet64 / 1MB)"
    "{0,-50} {1}" -f $name, (& $pwsh -NoProfile -NonInteractive -Command $script)
}
