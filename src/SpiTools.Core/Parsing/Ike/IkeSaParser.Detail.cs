using System;
using System.Collections.Generic;
using System.Text;
using static SpiTools.Parsing.IkeSaText;

namespace SpiTools.Parsing
{
    // The indented detail lines under a record's row: each one's key and value, set on the open record.
    internal sealed partial class IkeSaParser
    {
        private bool Detail(string s, in CaptureLine line)
        {
            var sa = _sa!;
            if (_inRemoteSubnets && IsSubnetLine(s))
            {
                sa.LastLine = line.Number;
                Append(_other, "Remote subnet", s);
                return true;
            }
            _inRemoteSubnets = false;

            if (s.StartsWith("Life/Active Time:", StringComparison.OrdinalIgnoreCase))
            {
                var v = After(s).Replace("sec", "").Trim();
                int slash = v.IndexOf('/');
                if (slash > 0)
                {
                    sa.LifetimeSeconds = Long(v.Substring(0, slash));
                    sa.ActiveSeconds = Long(v.Substring(slash + 1));
                    if (sa.LifetimeSeconds != null && sa.ActiveSeconds != null) sa.RemainingSeconds = sa.LifetimeSeconds - sa.ActiveSeconds;
                }
                else Append(_other, "Life/Active Time", v);
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("Child sa:", StringComparison.OrdinalIgnoreCase))
            {
                _childEntries++;
                _inChild = true;
                Append(_other, "Child sa", After(s));
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("local selector", StringComparison.OrdinalIgnoreCase) || s.StartsWith("remote selector", StringComparison.OrdinalIgnoreCase))
            {
                int sp = s.IndexOf("selector", StringComparison.OrdinalIgnoreCase) + "selector".Length;
                Append(_other, s.Substring(0, sp), s.Substring(sp).Trim());
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("ESP spi in/out:", StringComparison.OrdinalIgnoreCase))
            {
                _childSpis.Add(After(s));
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("DPD ", StringComparison.OrdinalIgnoreCase))
            {
                var v = s.Substring(4).Trim();
                if (v.StartsWith("configured for", StringComparison.OrdinalIgnoreCase))
                {
                    sa.Dpd = v.Substring("configured for".Length).Trim();
                    var secs = Long(sa.Dpd.Split(' ')[0]);
                    sa.DpdEnabled = secs == null || secs > 0;
                }
                else
                {
                    sa.Dpd = v;
                    sa.DpdEnabled = v.IndexOf("not", StringComparison.OrdinalIgnoreCase) < 0;
                }
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("NAT-T is ", StringComparison.OrdinalIgnoreCase))
            {
                sa.NatT = s.Substring("NAT-T is ".Length).Trim();
                sa.NatTDetected = !sa.NatT.StartsWith("not", StringComparison.OrdinalIgnoreCase);
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("Remote subnets:", StringComparison.OrdinalIgnoreCase))
            {
                _inRemoteSubnets = true;
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("Fragmentation ", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Extended Authentication ", StringComparison.OrdinalIgnoreCase)
                || s.StartsWith("Cisco Trust Security ", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Quantum", StringComparison.OrdinalIgnoreCase))
            {
                // "Fragmentation not  configured.", "Cisco Trust Security SGT is disabled": a phrase, kept whole.
                Append(_other, "text", s.TrimEnd('.'));
                sa.LastLine = line.Number;
                return true;
            }
            if ((s.StartsWith("Local ", StringComparison.Ordinal) || s.StartsWith("Remote ", StringComparison.Ordinal)) && s.IndexOf(':') < 0 || IsAddressLine(s))
            {
                // IPv6 IKEv2 rows print "Local  2001:DB8::1/500" and "Remote  2001:DB8::2/500" on lines of their own.
                var words = s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 2 && IsAddressPort(words[1]))
                {
                    SplitPort(words[1], out var a, out var p);
                    if (words[0] == "Local") { sa.LocalAddress = a; sa.LocalPort = p; }
                    else { sa.Peer = a; sa.PeerPort = p; }
                    sa.LastLine = line.Number;
                    return true;
                }
            }
            if (s.StartsWith("Engine-id:Conn-id", StringComparison.OrdinalIgnoreCase))
            {
                int eq = s.IndexOf('=');
                Append(_other, "Engine-id:Conn-id", eq > 0 ? s.Substring(eq + 1).Trim() : After(s));
                sa.LastLine = line.Number;
                return true;
            }

            // "Encr: AES-CBC, keysize: 128, PRF: SHA1, ..." (comma pairs) or "Type    : L2L             Role    : initiator" (column pairs).
            List<(string Key, string Value)> pairs;
            if (s.IndexOf(", ", StringComparison.Ordinal) > 0 && s.IndexOf(':') > 0 && LooksLikeCommaPairs(s)) pairs = CommaPairs(s);
            else pairs = ColumnPairs(s);
            if (pairs.Count == 1 && s.StartsWith("Local ", StringComparison.Ordinal) && s.IndexOf(" Remote ", StringComparison.Ordinal) > 0)
            {
                // The two columns of "Local spi: …  Remote spi: …" with the spacing lost (one space between them).
                int r = s.IndexOf(" Remote ", StringComparison.Ordinal);
                pairs = ColumnPairs(s.Substring(0, r));
                pairs.AddRange(ColumnPairs(s.Substring(r + 1)));
            }
            if (pairs.Count == 0) return false;
            foreach (var (key, value) in pairs) Set(sa, key, value);
            sa.LastLine = line.Number;
            return true;
        }

        private void Set(IkeSa sa, string key, string value)
        {
            // After "Child sa:" the algorithms and SPIs are the child SA's (ASA detail "Encr: AES-CBC, keysize: 256, esp_hmac: SHA256").
            if (_inChild)
            {
                Append(_other, "Child " + key.Trim(), value);
                return;
            }
            switch (key.Trim().ToLowerInvariant())
            {
                case "type": sa.Type = value; break;
                case "role": sa.Role = RoleOf(value); break;
                case "rekey": sa.Rekey = value; break;
                case "state": sa.State = value; break;
                case "encrypt":
                case "encr": sa.Encryption = value; break;
                case "keysize": sa.KeySize = Int(value); break;
                case "hash": sa.Hash = value; break;
                case "prf": sa.Prf = value; break;
                case "dh grp":
                case "dh group": sa.DhGroup = value; break;
                case "auth": sa.Auth = value; break;
                case "auth sign": sa.AuthSign = value; break;
                case "auth verify": sa.AuthVerify = value; break;
                case "lifetime": sa.LifetimeSeconds = Long(value); break;
                case "lifetime remaining": sa.RemainingSeconds = Long(value); break;
                case "session-id": sa.SessionId = value; break;
                case "status description": sa.StatusDetail = value; break;
                case "local spi": sa.LocalSpi = value; break;
                case "remote spi": sa.RemoteSpi = value; break;
                case "local id": sa.LocalId = value; break;
                case "remote id": sa.RemoteId = value; break;
                case "initiator of sa":
                    if (value.Equals("Yes", StringComparison.OrdinalIgnoreCase)) sa.Role = IkeRole.Initiator;
                    else if (value.Equals("No", StringComparison.OrdinalIgnoreCase)) sa.Role = IkeRole.Responder;
                    else Append(_other, key, value);
                    break;
                default: Append(_other, key.Trim(), value); break;
            }
        }
    }
}
