using System.Collections;
using System.Linq;
using System.Management.Automation;
using SpiTools.Diagnosis;

namespace SpiTools.Internal
{
    /// <summary>
    /// The <c>-PeerOf</c> parameter of the cmdlets that pair the ends of tunnels (Compare-SpiContext, Get-SaTimeline):
    /// a hashtable of devices paired by hand, <c>@{ 'fw-a' = 'rtr-b' }</c>, a value possibly listing several devices.
    /// </summary>
    internal static class PeerOfParameter
    {
        /// <summary>
        /// Adds the pairs of <paramref name="peerOf"/> to <paramref name="options"/>; a pair that names no device on one side
        /// stops <paramref name="cmdlet"/> with <c>PeerOfInvalid</c>.
        /// </summary>
        public static void AddTo(DiagnosisOptions options, Hashtable? peerOf, PSCmdlet cmdlet)
        {
            if (peerOf == null) return;
            foreach (DictionaryEntry pair in peerOf)
            {
                string device = LanguagePrimitives.ConvertTo<string>(pair.Key);
                var peers = LanguagePrimitives.ConvertTo<string[]>(pair.Value) ?? new string[0];
                if (string.IsNullOrWhiteSpace(device) || peers.Length == 0 || peers.Any(string.IsNullOrWhiteSpace))
                {
                    cmdlet.ThrowTerminatingError(ErrorRecords.Create(new PSArgumentException($"-PeerOf pairs a device with the device at the other end of its tunnels: @{{ 'fw-a' = 'rtr-b' }}; '{device}' = '{string.Join("', '", peers)}' names no device on one side", "PeerOf"),
                        Abstractions.ErrorIds.PeerOfInvalid, ErrorCategory.InvalidArgument, peerOf));
                }
                foreach (var peer in peers) options.PeerOf.Add((device, peer));
            }
        }
    }
}
