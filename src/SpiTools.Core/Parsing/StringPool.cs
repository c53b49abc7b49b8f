using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// A small direct-mapped cache of short strings, so values that repeat across records (transforms, settings,
    /// masks, crypto map names) are allocated once. Bounded: a fixed number of slots, short strings only.
    /// </summary>
    internal sealed class StringPool
    {
        private const int MaxLength = 96;
        private readonly string?[] _slots = new string?[1024];

        public string Get(ReadOnlySpan<char> value)
        {
            if (value.Length == 0) return string.Empty;
            if (value.Length > MaxLength) return value.ToString();
            int h;
#if NET8_0_OR_GREATER
            h = string.GetHashCode(value);
#else
            unchecked
            {
                h = (int)2166136261;
                foreach (char c in value) h = (h ^ c) * 16777619;
            }
#endif
            int slot = h & (_slots.Length - 1);
            var s = _slots[slot];
            if (s != null && value.SequenceEqual(s.AsSpan())) return s;
            s = value.ToString();
            _slots[slot] = s;
            return s;
        }
    }
}
