namespace SpiTools.Parsing
{
    /// <summary>An ident printed without its closing parenthesis, waiting for the next line to end it.</summary>
    internal sealed class IpsecSaOpenIdent
    {
        public IpsecSaOpenIdent(IpsecSa entry, bool local, string body, int line, string raw)
        {
            Entry = entry; Local = local; Body = body; Line = line; Raw = raw;
        }

        public readonly IpsecSa Entry;
        public readonly bool Local;
        public readonly string Body;
        public readonly int Line;
        public readonly string Raw;
    }
}
