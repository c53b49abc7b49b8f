using System;
using System.Collections.Generic;
using System.Globalization;

namespace SpiTools.Parsing
{
    /// <summary>
    /// The fields of one Azure main-mode SA (<c>PSVirtualNetworkGatewayConnectionIkeSaMainModeSa</c>) or quick-mode SA
    /// (<c>…QuickModeSa</c>) by name, as read from JSON or a list view, and the records they make: an <see cref="IkeSa"/> per
    /// main-mode SA, an inbound and an outbound <see cref="IpsecSa"/> per quick-mode SA (<c>inboundSPI</c>, <c>outboundSPI</c>:
    /// unsigned 32-bit decimals). <c>initiatorCookie</c> / <c>responderCookie</c> are the IKE SPIs, never IPsec SPIs.
    /// </summary>
    internal sealed class AzureSaValues
    {
        private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<string>> _lists = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);

        public int Line { get; set; }
        public int LastLine { get; set; }

        /// <summary>The quick-mode SAs of a main-mode SA.</summary>
        public List<AzureSaValues> QuickModeSas { get; } = new List<AzureSaValues>();

        public void Set(string name, string value) => _values[name] = value;

        public void AddToList(string name, string value)
        {
            if (!_lists.TryGetValue(name, out var list)) _lists[name] = list = new List<string>();
            if (list.Count < 1000) list.Add(value);
        }

        private string? Get(string name) => _values.TryGetValue(name, out var v) && v.Length > 0 && v != "null" ? v : null;

        private long? Number(string name) =>
            Get(name) is string v && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : (long?)null;

        private bool? Flag(string name) => Get(name) is string v ? string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) : (bool?)null;

        /// <summary>An IKE SPI printed as a 64-bit decimal, as 16 hex digits.</summary>
        private string? Cookie(string name) =>
            Get(name) is string v && ulong.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n) ? n.ToString("x16", CultureInfo.InvariantCulture) : null;

        /// <summary>The <see cref="IkeSa"/> of a main-mode SA.</summary>
        public IkeSa ToIkeSa()
        {
            bool? initiator = Flag("isSaInitiator");
            var lifetime = Number("lifeTimeSeconds");
            var elapsed = Number("elapsedTimeInseconds");
            var sa = new IkeSa
            {
                Platform = FarEndSa.Azure,
                Line = Line,
                LastLine = LastLine,
                LocalAddress = Get("localEndpoint"),
                Peer = Get("remoteEndpoint"),
                LocalPort = Port("localUdpEncapsulationPort"),
                PeerPort = Port("remoteUdpEncapsulationPort"),
                Encryption = Get("encryption"),
                Hash = Get("integrity"),
                DhGroup = Get("dhGroup"),
                LifetimeSeconds = lifetime,
                ActiveSeconds = elapsed,
                RemainingSeconds = lifetime != null && elapsed != null ? Math.Max(0, lifetime.Value - elapsed.Value) : (long?)null,
                Role = initiator == true ? IkeRole.Initiator : initiator == false ? IkeRole.Responder : null,
                LocalSpi = initiator == false ? Cookie("responderCookie") : Cookie("initiatorCookie"),
                RemoteSpi = initiator == false ? Cookie("initiatorCookie") : Cookie("responderCookie"),
                ChildSaCount = QuickModeSas.Count,
            };
            var spis = new List<string>();
            foreach (var q in QuickModeSas)
                spis.Add($"{Spi(q.Get("inboundSPI")) ?? "-"}/{Spi(q.Get("outboundSPI")) ?? "-"}");
            sa.ChildSpis = spis.Count == 0 ? null : string.Join(";", spis);
            return sa;
        }

        private int? Port(string name) => Number(name) is long p && p > 0 && p <= 65535 ? (int)p : (int?)null;

        private static string? Spi(string? value) =>
            value != null && uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out uint v) ? Hex32.Format(v) : null;

        /// <summary>The inbound and the outbound <see cref="IpsecSa"/> of a quick-mode SA (an SPI that is no 32-bit value is reported).</summary>
        public IEnumerable<IpsecSa> ToIpsecSas(ParseContext ctx)
        {
            var template = new IpsecSa
            {
                Platform = FarEndSa.Azure,
                Line = Line,
                LastLine = LastLine,
                LocalEndpoint = Get("localEndpoint"),
                LocalAddress = Get("localEndpoint"),
                RemoteEndpoint = Get("remoteEndpoint"),
                Peer = Get("remoteEndpoint"),
                Initiator = Flag("isSaInitiator"),
                AgeSeconds = Number("elapsedTimeInseconds"),
                Protocol = "esp",
                Mode = "Tunnel",
            };
            var lifetime = Number("lifeTimeSeconds") ?? Number("lifetimeSeconds");
            if (lifetime != null && template.AgeSeconds != null) template.RemainingSeconds = Math.Max(0, lifetime.Value - template.AgeSeconds.Value);
            var encryption = Get("encryption");
            var integrity = Get("integrity");
            template.Transform = encryption == null ? integrity : integrity == null || integrity == encryption ? encryption : encryption + " " + integrity;
            var pfs = Get("pfsGroupId");
            if (pfs != null) template.PfsGroup = PfsGroup(pfs);
            // The objects name no connection; the echoed command may (what Reset-AzVirtualNetworkGatewayConnection takes).
            var names = AzureConnectionName.From(ctx.Command);
            template.Connection = names.Connection;
            Selectors(template, true, "localTrafficSelectors");
            Selectors(template, false, "remoteTrafficSelectors");
            foreach (var pair in _values)
                if (!Known.Contains(pair.Key)) template.OtherSettings = FarEndSa.Append(template.OtherSettings, pair.Key, pair.Value);
            if (lifetime != null) template.OtherSettings = FarEndSa.Append(template.OtherSettings, "lifeTimeSeconds", lifetime.Value.ToString(CultureInfo.InvariantCulture));
            if (pfs != null) template.OtherSettings = FarEndSa.Append(template.OtherSettings, "pfsGroupId", pfs);
            if (names.ResourceGroup != null) template.OtherSettings = FarEndSa.Append(template.OtherSettings, ResourceGroupSetting, names.ResourceGroup);
            foreach (var (name, direction) in new[] { ("inboundSPI", SaDirection.Inbound), ("outboundSPI", SaDirection.Outbound) })
            {
                var sa = template.CloneEntry();
                sa.Direction = direction;
                sa.IsCurrentOutbound = direction == SaDirection.Outbound;
                var text = Get(name);
                if (text != null && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint spi))
                {
                    sa.Spi = Hex32.Format(spi);
                    sa.SpiValue = spi;
                    sa.SpiPrintedDecimal = spi;
                }
                else
                {
                    sa.Incomplete = true;
                    ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, Line, default,
                        $"{name}: '{text ?? "(none)"}' is not a 32-bit SPI; the SA is kept without one");
                }
                yield return sa;
            }
        }

        /// <summary>The <see cref="IpsecSa.OtherSettings"/> name of the connection's resource group, when the echoed command gave it.</summary>
        public const string ResourceGroupSetting = "resourceGroupName";

        private static readonly HashSet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "localEndpoint", "remoteEndpoint", "isSaInitiator", "elapsedTimeInseconds", "encryption", "integrity", "pfsGroupId",
            "inboundSPI", "outboundSPI", "lifeTimeSeconds", "lifetimeSeconds",
        };

        /// <summary>Azure's PFS names (<c>PFS1</c>, <c>PFS2</c>, <c>PFS2048</c>, <c>PFS14</c>, <c>PFS24</c>, <c>ECP256</c>, <c>ECP384</c>) as DH group numbers.</summary>
        private static int? PfsGroup(string value) => value.ToUpperInvariant() switch
        {
            "PFS1" => 1,
            "PFS2" => 2,
            "PFS2048" => 14,
            "PFS14" => 14,
            "PFS24" => 24,
            "ECP256" => 19,
            "ECP384" => 20,
            _ => null,
        };

        private void Selectors(IpsecSa sa, bool local, string name)
        {
            if (!_lists.TryGetValue(name, out var list) || list.Count == 0) return;
            FarEndSa.SetIdent(sa, local, list[0]);
            if (list.Count > 1) sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, name, string.Join(",", list));
        }
    }
}
