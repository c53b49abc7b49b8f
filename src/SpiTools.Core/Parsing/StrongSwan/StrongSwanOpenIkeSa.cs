using System;
using System.Collections.Generic;

namespace SpiTools.Parsing
{
    /// <summary>
    /// The strongSwan IKE_SA being read (from <c>swanctl --list-sas</c> or <c>ipsec statusall</c>) and the CHILD_SAs
    /// listed under it: when it is handed out it carries their count and SPIs.
    /// </summary>
    internal sealed class StrongSwanOpenIkeSa
    {
        private readonly List<string> _childSpis = new List<string>();

        /// <summary>The IKE_SA being read, or null between IKE_SAs.</summary>
        public IkeSa? Ike { get; private set; }

        /// <summary>Its connection name.</summary>
        public string? Name { get; private set; }

        /// <summary>Starts reading <paramref name="ike"/>, of connection <paramref name="name"/>.</summary>
        public void Start(IkeSa ike, string name)
        {
            Ike = ike;
            Name = name;
            _childSpis.Clear();
        }

        /// <summary>Counts a CHILD_SA under the open IKE_SA (if any), whose lines then reach to the child's last line.</summary>
        public void AddChild(FarEndChildSa child)
        {
            var ike = Ike;
            if (ike == null) return;
            _childSpis.Add($"{child.In.Spi}/{child.Out.Spi}");
            ike.LastLine = Math.Max(ike.LastLine, child.LastLine);
        }

        /// <summary>Hands out the open IKE_SA, if any, with its CHILD_SA count and SPIs.</summary>
        public void Flush(ParseContext ctx)
        {
            var ike = Ike;
            if (ike == null) return;
            ike.ChildSaCount = _childSpis.Count;
            if (_childSpis.Count > 0) ike.ChildSpis = string.Join(";", _childSpis);
            ctx.Emit(ike);
            Ike = null;
            Name = null;
        }
    }
}
