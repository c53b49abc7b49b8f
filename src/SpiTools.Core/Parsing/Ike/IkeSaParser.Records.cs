using System;
using System.Collections.Generic;
using System.Text;
using static SpiTools.Parsing.IkeSaText;

namespace SpiTools.Parsing
{
    // Opening, finishing and handing out records.
    internal sealed partial class IkeSaParser
    {
        private void Open(ParseContext ctx, in CaptureLine line, string platform, string version)
        {
            if (_inSession) FlushSession(ctx);
            Flush(ctx);
            _sa = new IkeSa { Line = line.Number, LastLine = line.Number, Platform = platform, IkeVersion = version };
        }

        /// <summary>Moves the gathered fields into the open record (kept open for a session's flows).</summary>
        private void FinishRecord()
        {
            var sa = _sa;
            if (sa == null) return;
            if (_other.Length > 0) sa.OtherFields = Join(sa.OtherFields, _other.ToString());
            if (_childSpis.Count > 0) sa.ChildSpis = string.Join(";", _childSpis);
            if (_childEntries > 0 && sa.ChildSaCount == null) sa.ChildSaCount = _childEntries;
            _other.Clear();
            _childSpis.Clear();
            _childEntries = 0;
            _inChild = false;
            _inRemoteSubnets = false;
        }

        private void Flush(ParseContext ctx)
        {
            if (_inSession) return; // a session's records go out with the session
            FinishRecord();
            if (_sa != null) ctx.Emit(_sa);
            _sa = null;
        }

        private void FlushAll(ParseContext ctx)
        {
            if (_inSession) FlushSession(ctx);
            Flush(ctx);
            _asaSessionId = _asaSessionStatus = null;
            _asaChildCount = null;
        }
    }
}
