<#
.SYNOPSIS
    Builds, tests and stages the SpiTools module.
.DESCRIPTION
    Build:   dotnet publish src/SpiTools -> out/SpiTools (the importable module folder), with en-US/ help built
             from docs/en-US by src/SpiTools.HelpBuilder.
    Test:    Build, then xunit (dotnet test) and the Pester suite in tests/Pester against out/SpiTools,
             in a child PowerShell so an already-loaded SpiTools.dll never gets in the way.
    Package: Build, then README and the docs into out/SpiTools.
    Clean:   removes out/.
.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run only the Pester suite (CI runs xunit itself).
    [switch] $PesterOnly
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$module = Join-Path $out 'SpiTools'

function Invoke-Build {
    & dotnet publish (Join-Path $root 'src/SpiTools/SpiTools.csproj') -c $Configuration -o $module --nologo
    if ($LASTEXITCODE -ne 0) { throw "dotnet publish failed ($LASTEXITCODE)" }
    # Allow-list of what the module folder may hold; the engine assembly must never ship.
    if (Test-Path (Join-Path $module 'System.Management.Automation.dll')) {
        throw 'System.Management.Automation.dll must not be staged with the module'
    }
    # Help: the publish above ran src/SpiTools.HelpBuilder (docs/en-US markdown -> MAML and about topic); no platyPS.
    foreach ($help in 'en-US/SpiTools.dll-Help.xml', 'en-US/about_SpiTools.help.txt') {
        if (-not (Test-Path (Join-Path $module $help))) { throw "$help was not staged with the module" }
    }
}

function Invoke-Test {
    if (-not $PesterOnly) {
        & dotnet test (Join-Path $root 'SpiTools.sln')
        if ($LASTEXITCODE -ne 0) { throw "xunit failed ($LASTEXITCODE)" }
    }
    if (-not (Get-Module -ListAvailable -Name Pester | Where-Object Version -ge '5.0.0')) {
        Write-Warning 'Pester 5 is not installed: the Pester suite was skipped (Install-Module Pester).'
        return
    }
    $shell = if ($PSVersionTable.PSEdition -eq 'Core') { 'pwsh' } else { 'powershell' }
    $script = "`$env:PSModulePath = '$out' + [IO.Path]::PathSeparator + `$env:PSModulePath; " +
              "`$r = Invoke-Pester -Path '$(Join-Path $root 'tests/Pester')' -Output Detailed -PassThru; exit `$r.FailedCount"
    & $shell -NoProfile -Command $script
    if ($LASTEXITCODE -ne 0) { throw "Pester failed ($LASTEXITCODE failures)" }
}

switch ($Task) {
    'Clean' { if (Test-Path $out) { Remove-Item $out -Recurse -Force } }
    'Build' { Invoke-Build }
    'Test' { Invoke-Build; Invoke-Test }
    'Package' {
        Invoke-Build
        Copy-Item (Join-Path $root 'README.md') $module -Force
        Copy-Item (Join-Path $root 'LICENSE') $module -Force
        Copy-Item (Join-Path $root 'docs') (Join-Path $module 'docs') -Recurse -Force
    }
}
