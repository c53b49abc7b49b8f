using System;
using System.Collections.Generic;
using System.Text;

using static SpiTools.Parsing.IkeSaText;
namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads every IKE SA dialect line by line. A table row or an <c>IKE Peer:</c> / <c>IKEv2 SA:</c> line opens a record; the
    /// indented lines after it fill it; the next record, a new session or the end of the section hands it out.
    /// <c>show crypto session</c> prints a session's IPsec flows after its IKE SAs, so a session's SAs (a handful) are held
    /// until the session ends.
    /// This file holds the state and the dispatch of each line; <c>show crypto session</c> is read in
    /// <c>IkeSaParser.CryptoSession.cs</c>, the detail lines in <c>IkeSaParser.Detail.cs</c>, records are opened and handed
    /// out in <c>IkeSaParser.Records.cs</c>, and the text helpers are <see cref="IkeSaText"/>.
    /// </summary>
    internal sealed partial class IkeSaParser : ISectionParser
    {
        private enum Table { None, AsaV1Old, IkeV2, IsakmpBrief, IsakmpDetail }

        private Table _table;
        private bool _v2HasRole;
        private bool _briefHasSlot;
        private IkeSa? _sa;
        private readonly StringBuilder _other = new StringBuilder();
        private bool _inRemoteSubnets;
        private readonly List<string> _childSpis = new List<string>();
        private int _childEntries;
        private bool _inChild;

        // ASA IKEv2 "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:2" before its rows.
        private string? _asaSessionId;
        private string? _asaSessionStatus;
        private int? _asaChildCount;

        public bool Accept(in CaptureLine line, ParseContext ctx)
        {
            var t = line.Text;
            string s = t.ToString();

            // ---- headings and structure ----
            if (s.Equals("IKEv1 SAs:", StringComparison.OrdinalIgnoreCase) || s.Equals("IKEv2 SAs:", StringComparison.OrdinalIgnoreCase)
                || s.StartsWith("There are no", StringComparison.OrdinalIgnoreCase))
            {
                FlushAll(ctx);
                _table = Table.None;
                return true;
            }
            if (s.StartsWith("IPv4 Crypto", StringComparison.OrdinalIgnoreCase) || s.StartsWith("IPv6 Crypto", StringComparison.OrdinalIgnoreCase))
            {
                Flush(ctx);
                // The IPv6 part reuses the IPv4 part's columns without a header of its own.
                if (s.IndexOf("ISAKMP", StringComparison.OrdinalIgnoreCase) >= 0 && _table != Table.IsakmpDetail) _table = Table.IsakmpBrief;
                return true;
            }
            if (s.StartsWith("Crypto session current status", StringComparison.OrdinalIgnoreCase)) { FlushAll(ctx); return true; }
            if (s.StartsWith("Code:", StringComparison.Ordinal) || IsLegendLine(s)) return true;
            if (StartsWithWords(s, "Active SA:") || StartsWithWords(s, "Rekey SA:") || StartsWithWords(s, "Total IKE SA:")) return true;
            if (s.StartsWith("Tunnel-id", StringComparison.OrdinalIgnoreCase))
            {
                Flush(ctx);
                _table = Table.IkeV2;
                _v2HasRole = s.IndexOf("Role", StringComparison.OrdinalIgnoreCase) >= 0;
                return true;
            }
            if (s.StartsWith("IKE Peer", StringComparison.OrdinalIgnoreCase) && s.IndexOf("Type", StringComparison.Ordinal) > 0 && s.IndexOf("State", StringComparison.Ordinal) > 0)
            {
                Flush(ctx);
                _table = Table.AsaV1Old;
                return true;
            }
            if (s.StartsWith("dst ", StringComparison.OrdinalIgnoreCase) && s.IndexOf("conn-id", StringComparison.OrdinalIgnoreCase) > 0)
            {
                Flush(ctx);
                _table = Table.IsakmpBrief;
                _briefHasSlot = s.IndexOf(" slot ", StringComparison.OrdinalIgnoreCase) > 0;
                return true;
            }
            if (s.StartsWith("C-id ", StringComparison.OrdinalIgnoreCase))
            {
                Flush(ctx);
                _table = Table.IsakmpDetail;
                return true;
            }
            if (s.StartsWith("Session-id:", StringComparison.OrdinalIgnoreCase) && s.IndexOf("IKE count", StringComparison.OrdinalIgnoreCase) > 0)
            {
                Flush(ctx);
                foreach (var (k, v) in CommaPairs(s))
                {
                    if (k.Equals("Session-id", StringComparison.OrdinalIgnoreCase)) _asaSessionId = v;
                    else if (k.Equals("Status", StringComparison.OrdinalIgnoreCase)) _asaSessionStatus = v;
                    else if (k.Equals("CHILD count", StringComparison.OrdinalIgnoreCase)) _asaChildCount = Int(v);
                }
                return true;
            }

            // ---- show crypto session ----
            if (TryCryptoSession(s, line, ctx)) return true;

            // ---- record starts ----
            var tokens = s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length >= 3 && IsDigits(tokens[0]) && tokens[1].Equals("IKE", StringComparison.OrdinalIgnoreCase) && tokens[2].StartsWith("Peer:", StringComparison.OrdinalIgnoreCase))
            {
                // ASA 8.4+: "1   IKE Peer: 203.0.113.10"
                Open(ctx, line, PlatformNames.Asa, "IKEv1");
                _sa!.TunnelId = tokens[0];
                _sa.Peer = tokens.Length >= 4 ? tokens[3] : s.Substring(s.IndexOf(':') + 1).Trim();
                return true;
            }
            if (_table == Table.AsaV1Old && tokens.Length >= 6 && IsDigits(tokens[0]) && IsAddress(tokens[1]))
            {
                Open(ctx, line, PlatformNames.Asa, "IKEv1");
                var sa = _sa!;
                sa.TunnelId = tokens[0];
                sa.Peer = tokens[1];
                sa.Type = tokens[2];
                sa.Role = RoleOf(tokens[3]);
                sa.Rekey = tokens[4];
                sa.State = tokens[5];
                if (tokens.Length > 6) sa.Encryption = tokens[6];
                if (tokens.Length > 7) sa.Hash = tokens[7];
                if (tokens.Length > 8) sa.Auth = tokens[8];
                if (tokens.Length > 9) sa.LifetimeSeconds = Long(tokens[9]);
                for (int i = 10; i < tokens.Length; i++) Append(_other, "column" + (i + 1), tokens[i]);
                return true;
            }
            if (_table == Table.IkeV2 && tokens.Length >= 2 && IsDigits(tokens[0]))
            {
                bool asa = _v2HasRole;
                Open(ctx, line, asa ? PlatformNames.Asa : PlatformNames.Ios, "IKEv2");
                var sa = _sa!;
                sa.TunnelId = tokens[0];
                int i = 1;
                if (i < tokens.Length && IsAddressPort(tokens[i])) { SplitPort(tokens[i], out var a, out var p); sa.LocalAddress = a; sa.LocalPort = p; i++; }
                if (i < tokens.Length && IsAddressPort(tokens[i])) { SplitPort(tokens[i], out var a, out var p); sa.Peer = a; sa.PeerPort = p; i++; }
                if (!asa && i < tokens.Length && tokens[i].IndexOf('/') > 0)
                {
                    int slash = tokens[i].IndexOf('/');
                    sa.Fvrf = tokens[i].Substring(0, slash);
                    sa.Ivrf = tokens[i].Substring(slash + 1);
                    i++;
                }
                if (i < tokens.Length) sa.State = tokens[i++];
                if (asa && i < tokens.Length) sa.Role = RoleOf(tokens[i++]);
                for (; i < tokens.Length; i++) Append(_other, "column" + (i + 1), tokens[i]);
                if (asa)
                {
                    sa.SessionId = _asaSessionId;
                    sa.Status = _asaSessionStatus;
                    sa.ChildSaCount = _asaChildCount;
                }
                return true;
            }
            if (_table != Table.IsakmpDetail && _table != Table.IkeV2 && tokens.Length >= 5 && IsAddress(tokens[0]) && IsAddress(tokens[1]) && IsDigits(tokens[3]))
            {
                Open(ctx, line, PlatformNames.Ios, "IKEv1");
                var sa = _sa!;
                sa.DestinationAddress = tokens[0];
                sa.SourceAddress = tokens[1];
                sa.State = tokens[2];
                sa.ConnectionId = tokens[3];
                int st = 4;
                if (_briefHasSlot && tokens.Length > 5) { Append(_other, "slot", tokens[4]); st = 5; }
                sa.Status = tokens[st];
                if (tokens.Length > st + 1) sa.StatusDetail = string.Join(" ", tokens, st + 1, tokens.Length - st - 1).Trim('(', ')');
                return true;
            }
            if (tokens.Length >= 8 && IsDigits(tokens[0]) && IsAddress(tokens[1]) && IsAddress(tokens[2]))
            {
                int life = Array.FindIndex(tokens, 3, x => IsClock(x));
                if (life >= 8)
                {
                    Open(ctx, line, PlatformNames.Ios, "IKEv1");
                    var sa = _sa!;
                    sa.ConnectionId = tokens[0];
                    sa.LocalAddress = tokens[1];
                    sa.Peer = tokens[2];
                    if (life - 5 == 4) sa.Ivrf = tokens[3];
                    sa.Status = tokens[life - 5];
                    sa.Encryption = tokens[life - 4];
                    sa.Hash = tokens[life - 3];
                    sa.Auth = tokens[life - 2];
                    sa.DhGroup = tokens[life - 1];
                    sa.RemainingSeconds = ClockSeconds(tokens[life]);
                    if (life + 1 < tokens.Length) SetCapabilities(sa, string.Join("", tokens, life + 1, tokens.Length - life - 1));
                    return true;
                }
            }

            // ---- lines inside a record ----
            if (_sa == null) return false;
            return Detail(s, line);
        }

        public void Complete(ParseContext ctx) => FlushAll(ctx);
    }
}
