using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// One child SA of a far end that is not Cisco, as its output prints it (an inbound and an outbound SPI, each with
    /// its own counters), gathered line by line and handed out as two <see cref="IpsecSa"/> records that carry the
    /// entry's fields as an ASA or IOS-XE entry does: peer, endpoints, proxies (<see cref="TrafficSelector"/>), and
    /// <c>#pkts encaps</c> / <c>#pkts decaps</c> from the outbound / inbound SA's packets, so the one-way and both-ends
    /// checks read them as they read Cisco's.
    /// </summary>
    internal sealed class FarEndChildSa
    {
        public FarEndChildSa(string platform, int line)
        {
            Platform = platform;
            Line = line;
            LastLine = line;
        }

        public string Platform;
        public int Line;
        public int LastLine;
        public bool Incomplete;
        public string Protocol = "esp";
        public string? Connection, Tunnel, TunnelId, State, Mode, IkeVersion, Transform;
        public bool NatTraversal;
        public string? LocalEndpoint, RemoteEndpoint;
        public int? LocalPort, RemotePort;
        public string? LocalSelectors, RemoteSelectors;
        public long? AgeSeconds, RekeySeconds, RemainingSeconds;

        /// <summary>The inbound and outbound halves; <c>Spi</c> null when the output printed none (or hid it).</summary>
        public readonly Half In = new Half(), Out = new Half();

        public sealed class Half
        {
            public string? Spi;
            public long? SpiValue;
            public bool Seen;
            public int Line;
            public long? Bytes, Packets, IdleSeconds;
        }

        /// <summary>Sets a half's SPI from printed hex (1 to 8 digits, with or without <c>0x</c>); false when it is not one.</summary>
        public static bool SetSpi(Half half, ReadOnlySpan<char> hex, int line)
        {
            half.Seen = true;
            half.Line = line;
            if (!Hex32.TryParse(hex, out uint v)) return false;
            half.Spi = Hex32.Format(v);
            half.SpiValue = v;
            return true;
        }

        /// <summary>Hands out the outbound and the inbound record (those the output printed).</summary>
        public void Emit(ParseContext ctx)
        {
            var entry = new IpsecSa
            {
                Platform = Platform,
                Line = Line,
                LastLine = LastLine,
                Incomplete = Incomplete,
                Protocol = Protocol,
                Connection = Connection,
                Tunnel = Tunnel,
                TunnelId = TunnelId,
                State = State,
                Mode = Mode,
                IkeVersion = IkeVersion,
                Transform = Transform,
                NatTraversal = NatTraversal,
                LocalEndpoint = LocalEndpoint,
                LocalEndpointPort = LocalPort,
                RemoteEndpoint = RemoteEndpoint,
                RemoteEndpointPort = RemotePort,
                Peer = RemoteEndpoint,
                PeerPort = RemotePort,
                AgeSeconds = AgeSeconds,
                RekeySeconds = RekeySeconds,
                RemainingSeconds = RemainingSeconds,
                CurrentOutboundSpi = Out.Spi,
                CurrentInboundSpi = In.Spi,
                PacketsEncapsulated = Out.Packets,
                PacketsDecapsulated = In.Packets,
            };
            TrafficSelector.Apply(entry, true, LocalSelectors);
            TrafficSelector.Apply(entry, false, RemoteSelectors);
            bool any = false;
            if (In.Seen || !Out.Seen) { ctx.Emit(Make(entry.CloneEntry(), In, SaDirection.Inbound)); any = true; }
            if (Out.Seen) { ctx.Emit(Make(entry.CloneEntry(), Out, SaDirection.Outbound)); any = true; }
            _ = any;
        }

        private IpsecSa Make(IpsecSa sa, Half half, string direction)
        {
            sa.Direction = direction;
            sa.Spi = half.Spi;
            sa.SpiValue = half.SpiValue;
            sa.Bytes = half.Bytes;
            sa.Packets = half.Packets;
            sa.IdleSeconds = half.IdleSeconds;
            if (half.Line > 0) sa.Line = half.Line;
            sa.IsCurrentOutbound = direction == SaDirection.Outbound && half.Spi != null && State != "REKEYED" && State != "DELETING";
            sa.IsCurrentInbound = direction == SaDirection.Inbound && half.Spi != null && State != "REKEYED" && State != "DELETING";
            return sa;
        }
    }
}
