using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpiTools.Abstractions;
using SpiTools.Parsing;

namespace SpiTools.Services
{
    /// <summary>What one command read in all: the records it output and the captures that held none of its output.</summary>
    internal sealed class CaptureTally
    {
        public int Output { get; set; }
        public List<string> Without { get; } = new List<string>();
    }
}
