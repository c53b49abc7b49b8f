using System;
using System.Runtime.InteropServices;

namespace SpiTools.Parsing
{
    /// <summary>
    /// A small direct-mapped cache of short strings, so values that repeat across records (transforms, settings,
    /// masks, crypto map names) are allocated once. Bounded: a fixed number of slots, short strings only.
    /// </summary>
    internal sealed class StringPool
    {
        private const int MaxLength = 256;
        private readonly string?[] _slots = new string?[1024];

        public string Get(ReadOnlySpan<char> value)
        {
            if (value.Length == 0) return string.Empty;
            if (value.Length > MaxLength) return value.ToString();
            int slot = Hash(value) & (_slots.Length - 1);
            var s = _slots[slot];
            if (s != null && value.SequenceEqual(s.AsSpan())) return s;
            s = value.ToString();
            _slots[slot] = s;
            return s;
        }

        /// <summary>
        /// A fast hash, eight bytes at a time, of the whole value or, past 32 characters, of its length and its first
        /// and last 16 characters. It only picks a slot (a collision costs one allocation, never a wrong string), so
        /// it needs no protection against chosen inputs.
        /// </summary>
        internal static int Hash(ReadOnlySpan<char> value)
        {
            ulong h = (ulong)value.Length;
            if (value.Length > 2 * SampledEnd)
            {
                // A long value: its length, first and last characters. Values that differ only in the middle share a slot.
                h = Words(h, MemoryMarshal.AsBytes(value.Slice(0, SampledEnd)));
                h = Words(h, MemoryMarshal.AsBytes(value.Slice(value.Length - SampledEnd)));
            }
            else
            {
                h = Words(h, MemoryMarshal.AsBytes(value));
            }
            // Every input bit reaches the low bits that pick the slot.
            unchecked
            {
                h ^= h >> 33;
                h *= 0xFF51AFD7ED558CCD;
                h ^= h >> 33;
                h *= 0xC4CEB9FE1A85EC53;
                h ^= h >> 33;
            }
            return (int)h;
        }

        private const int SampledEnd = 16;

        private static ulong Words(ulong h, ReadOnlySpan<byte> bytes)
        {
            int i = 0;
            for (; i + 8 <= bytes.Length; i += 8)
                h = Step(h, MemoryMarshal.Read<ulong>(bytes.Slice(i)));
            if (i < bytes.Length)
            {
                ulong tail = 0;
                for (int j = bytes.Length - 1; j >= i; j--) tail = (tail << 8) | bytes[j];
                h = Step(h, tail);
            }
            return h;
        }

        private static ulong Step(ulong h, ulong word)
        {
            unchecked
            {
                h ^= word * 0x9E3779B97F4A7C15;
                return ((h << 27) | (h >> 37)) * 0x87C37B91114253D5;
            }
        }
    }
}
