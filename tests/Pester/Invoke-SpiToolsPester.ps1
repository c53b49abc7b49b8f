<#
.SYNOPSIS
    Runs the Pester suite in tests/Pester against a staged SpiTools module folder.
.DESCRIPTION
    The one runner for `dotnet test` (tests/SpiTools.PowerShell.Tests starts it in the PowerShell tool pinned in
    .config/dotnet-tools.json) and for `build.ps1 -Task Test`. Pester comes from the NuGet package restored by the
    build (its tools/ folder is the module); nothing is installed from a gallery. Writes NUnit XML results and
    exits with the number of failed tests (1 when nothing ran).
#>
[CmdletBinding()]
param(
    # The staged module folder (…/SpiTools, holding SpiTools.psd1).
    [Parameter(Mandatory)] [string] $ModuleFolder,
    # Pester's manifest (…/pester/5.7.1/tools/Pester.psd1).
    [Parameter(Mandatory)] [string] $PesterManifest,
    # Where the NUnit XML results go.
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
$env:PSModulePath = (Split-Path $ModuleFolder -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
Import-Module $PesterManifest -Force
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.Exit = $false
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultPath
$result = Invoke-Pester -Configuration $config
"pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount + $result.NotRunCount) skipped"
if ($result.TotalCount -eq 0) { exit 1 }
exit $result.FailedCount
