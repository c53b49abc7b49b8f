using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Remembers what the last few distinct texts read as, so a text seen again (SAs usually repeat an
    /// <c>in use settings</c> list to the letter) is not read again. The slots are replaced in turn.
    /// With no slots it reads every text: the plain version <c>SettingsCacheTests</c> compares it with.
    /// </summary>
    internal sealed class SettingsCache<T> where T : class
    {
        /// <summary>Reads one text; called only for a text not held in a slot.</summary>
        internal delegate T Reader(ReadOnlySpan<char> text);

        private readonly Reader _read;
        private readonly string?[] _texts;
        private readonly T?[] _readings;
        private int _next;

        /// <summary>A cache of <paramref name="slots"/> texts (0: none, every text is read).</summary>
        internal SettingsCache(int slots, Reader read)
        {
            if (slots < 0) throw new ArgumentOutOfRangeException(nameof(slots));
            _read = read ?? throw new ArgumentNullException(nameof(read));
            _texts = new string?[slots];
            _readings = new T?[slots];
        }

        /// <summary>What <paramref name="text"/> reads as: the remembered reading of the same text (ordinal), else a new one.</summary>
        internal T Get(ReadOnlySpan<char> text)
        {
            for (int i = 0; i < _texts.Length; i++)
            {
                var seen = _texts[i];
                if (seen != null && text.SequenceEqual(seen.AsSpan())) return _readings[i]!;
            }
            var reading = _read(text);
            if (_texts.Length > 0)
            {
                _texts[_next] = text.ToString();
                _readings[_next] = reading;
                _next = (_next + 1) % _texts.Length;
            }
            return reading;
        }
    }
}
