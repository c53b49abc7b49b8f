using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SpiTools.Completers
{
    /// <summary>Tab completion for <c>-Protocol</c>: the protocols packet-tracer takes and SpiTools sends (tcp, udp, icmp, sctp; the same set the device arguments accept).</summary>
    public sealed class ProtocolCompleter : IArgumentCompleter
    {
        /// <summary>The protocols, with what each is (shown as the completion's tooltip).</summary>
        internal static readonly (string Name, string Tip)[] Protocols =
        {
            ("tcp", "TCP: give -SourcePort and -DestinationPort"),
            ("udp", "UDP: give -SourcePort and -DestinationPort"),
            ("icmp", "ICMP: the ports are the ICMP type and code"),
            ("sctp", "SCTP: give -SourcePort and -DestinationPort"),
        };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? "").Trim('\'', '"');
            return Protocols.Where(p => p.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(p => new CompletionResult(p.Name, p.Name, CompletionResultType.ParameterValue, p.Tip));
        }
    }
}
