using System;
using System.CommandLine;
using SpiTools.Diagnosis;

namespace SpiTools.Cli
{
    /// <summary>
    /// <c>--peer-of DEVICE=PEERDEVICE</c>, of the commands that pair the ends of tunnels (diagnose, timeline): two devices
    /// paired by hand, as <c>-PeerOf</c> of the cmdlets.
    /// </summary>
    internal static class PeerOfOption
    {
        /// <summary>The option; <paramref name="what"/> says what pairing the two ends does for the command.</summary>
        public static Option<string[]> Create(string what) => new Option<string[]>("--peer-of")
        {
            Description = "DEVICE=PEERDEVICE: pair two devices as the ends of their tunnels by hand (NAT or redacted addresses); " + what + " Repeat it for more pairs.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };

        /// <summary>Adds the pairs given to <paramref name="options"/>; false, with the error written, when one is not DEVICE=PEERDEVICE.</summary>
        public static bool TryAddTo(ParseResult result, Option<string[]> option, DiagnosisOptions options)
        {
            foreach (var pair in result.GetValue(option) ?? Array.Empty<string>())
            {
                int eq = pair.IndexOf('=');
                if (eq <= 0 || eq == pair.Length - 1 || pair.IndexOf('=', eq + 1) >= 0)
                {
                    Console.Error.WriteLine($"spitools: --peer-of: '{pair}' is not DEVICE=PEERDEVICE; give the two ends as fw-a=rtr-b [{Abstractions.ErrorIds.PeerOfInvalid}]");
                    return false;
                }
                options.PeerOf.Add((pair.Substring(0, eq).Trim(), pair.Substring(eq + 1).Trim()));
            }
            return true;
        }
    }
}
