@{
    RootModule             = 'SpiTools.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '7ddefc88-cd7b-4b04-ad7b-072988d4a5a7'
    Author                 = 'SpiTools contributors'
    CompanyName            = 'SpiTools contributors'
    Copyright              = '(c) SpiTools contributors.'
    Description            = 'Reads Cisco ASA, FTD and IOS-XE IPsec outputs (show crypto ipsec sa, show asp table vpn-context, packet-tracer) into flat objects, finds SPI and security-association faults and names the least disruptive remedy.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    RequiredAssemblies     = @('SpiTools.Core.dll')
    FormatsToProcess       = @('SpiTools.Format.ps1xml')
    CmdletsToExport        = @('Get-IpsecSa', 'Get-AsaVpnContext', 'Get-AsaPacketTrace', 'Get-IpsecLifetime', 'Get-AsaVpnSession', 'Get-IkeSa', 'Get-SaEvent', 'Get-SaTimeline', 'Compare-SpiContext', 'Invoke-SpiAudit', 'Export-SpiReport', 'Invoke-InactiveSaClear')
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS', 'Cisco', 'ASA', 'FTD', 'IOS-XE', 'IPsec', 'VPN', 'SPI')
            ProjectUri   = 'https://github.com/spitools/SpiTools'
            LicenseUri   = 'https://github.com/spitools/SpiTools/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: the first release. Parses ASA, FTD and IOS-XE IPsec outputs (ipsec sa, vpn-context, packet-tracer, lifetimes, vpn-sessiondb, IKE SAs, debugs and syslog) into flat records; diagnoses SPI and SA faults on one device or both ends of a tunnel; collects from live devices over SSH, audits fleets, writes an HTML report and clears inactive SAs safely. The same core as the spitools dotnet tool (SpiTools.Cli).'
        }
    }
}
