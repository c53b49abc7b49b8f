<#
.SYNOPSIS
    Builds, tests and stages the SpiTools module.
.DESCRIPTION
    Build:   dotnet publish src/SpiTools -> out/SpiTools (the importable module folder), with en-US/ help built
             from docs/en-US by src/SpiTools.HelpBuilder.
    Test:    Build, then `dotnet test SpiTools.sln`: xunit, the hosted PowerShell 7.6.9 tests and the Pester suite
             (run by tests/SpiTools.PowerShell.Tests in the PowerShell tool pinned in .config/dotnet-tools.json, with
             Pester 5.7.1 restored from NuGet). -PesterOnly runs just the Pester suite against out/SpiTools, through
             the same runner and the same versions, in a child PowerShell so an already-loaded SpiTools.dll never
             gets in the way.
    Package: Build, then README, LICENSE and the docs into out/SpiTools, and into out/packages the two packages people
             install: SpiTools.<version>.nupkg, the module for the PowerShell Gallery (Compress-PSResource, which checks the
             manifest; install with Install-PSResource), and SpiTools.Cli.<version>.nupkg, spitools as a dotnet tool (the JIT
             build, for any platform .NET runs on; install with dotnet tool install).
    Clean:   removes out/.
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run only the Pester suite, against out/SpiTools.
    [switch] $PesterOnly,

    # Where the module folder and the packages go (default: out/ in the repository).
    [string] $Output,

    # Build in this folder instead of each project's bin/ and obj/ (dotnet --artifacts-path), so a build here never
    # touches another one in progress.
    [string] $ArtifactsPath
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$out = if ($Output) { [IO.Path]::GetFullPath($Output, (Get-Location).Path) } else { Join-Path $root 'out' }
$module = Join-Path $out 'SpiTools'
$packages = Join-Path $out 'packages'
$artifacts = if ($ArtifactsPath) { @('--artifacts-path', [IO.Path]::GetFullPath($ArtifactsPath, (Get-Location).Path)) } else { @() }

function Invoke-Build {
    & dotnet publish (Join-Path $root 'src/SpiTools/SpiTools.csproj') -c $Configuration -o $module --nologo @artifacts
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
        if ($LASTEXITCODE -ne 0) { throw "dotnet test failed ($LASTEXITCODE)" }
        return
    }
    # The same tool versions as the test run: PowerShell from the tool manifest, Pester from its NuGet package.
    & dotnet restore (Join-Path $root 'tests/SpiTools.PowerShell.Tests') --nologo | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "dotnet restore failed ($LASTEXITCODE)" }
    & dotnet tool restore | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "dotnet tool restore failed ($LASTEXITCODE)" }
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $pester = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
    & dotnet tool run pwsh -- -NoProfile -NonInteractive -File (Join-Path $root 'tests/Pester/Invoke-SpiToolsPester.ps1') `
        -ModuleFolder $module -PesterManifest $pester -ResultPath (Join-Path $out 'pester.xml')
    if ($LASTEXITCODE -ne 0) { throw "Pester failed ($LASTEXITCODE failures)" }
}

function Invoke-Package {
    if (Test-Path $packages) { Remove-Item $packages -Recurse -Force }
    New-Item -ItemType Directory $packages | Out-Null
    # The module: what the PowerShell Gallery takes (a .nupkg made from the module folder and its manifest).
    $null = Test-ModuleManifest (Join-Path $module 'SpiTools.psd1') -ErrorAction Stop
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    Compress-PSResource -Path $module -DestinationPath $packages
    # The CLI as a dotnet tool: the JIT build (the project turns Native AOT off when packing).
    & dotnet pack (Join-Path $root 'src/SpiTools.Cli/SpiTools.Cli.csproj') -c $Configuration -o $packages --nologo @artifacts
    if ($LASTEXITCODE -ne 0) { throw "dotnet pack failed ($LASTEXITCODE)" }
    foreach ($name in 'SpiTools', 'SpiTools.Cli') {
        if (-not (Get-ChildItem $packages -Filter *.nupkg | Where-Object Name -Match "^$([regex]::Escape($name))\.\d")) { throw "$name was not packaged into $packages" }
    }
    Get-ChildItem $packages -Filter *.nupkg | ForEach-Object { Write-Host "package: $($_.FullName)" }
}

switch ($Task) {
    'Clean' { if (Test-Path $out) { Remove-Item $out -Recurse -Force } }
    'Build' { Invoke-Build }
    'Test' { if ($PesterOnly) { Invoke-Build }; Invoke-Test }
    'Package' {
        Invoke-Build
        Copy-Item (Join-Path $root 'README.md') $module -Force
        Copy-Item (Join-Path $root 'LICENSE') $module -Force
        Copy-Item (Join-Path $root 'docs') (Join-Path $module 'docs') -Recurse -Force
        Invoke-Package
    }
}
