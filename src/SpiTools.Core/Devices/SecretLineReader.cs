using System;
using System.IO;
using SpiTools.Abstractions;

namespace SpiTools.Devices
{
    /// <summary>
    /// Reads one line of a secret (<c>--password-stdin</c>) into a caller's buffer and wraps it as a
    /// <see cref="DeviceSecret"/>, without ever making a string of it; the buffer is cleared before returning, whatever
    /// happens.
    /// </summary>
    public static class SecretLineReader
    {
        /// <summary>
        /// The first line of <paramref name="reader"/> (up to <c>\n</c>, a <c>\r</c> before it dropped) as a secret; null when
        /// the input is empty. A line longer than the buffer is <see cref="ErrorIds.InvalidDeviceArgument"/>.
        /// </summary>
        public static DeviceSecret? ReadLine(TextReader reader, char[] buffer, string argumentName)
        {
            if (reader is null) throw new ArgumentNullException(nameof(reader));
            if (buffer is null) throw new ArgumentNullException(nameof(buffer));
            int length = 0;
            try
            {
                while (true)
                {
                    int c = reader.Read();
                    if (c < 0 || c == '\n') break;
                    if (length == buffer.Length)
                        throw DeviceException.InvalidArgument(argumentName, $"{argumentName}: the secret is longer than {buffer.Length} characters (not shown).");
                    buffer[length++] = (char)c;
                }
                if (length > 0 && buffer[length - 1] == '\r') length--;
                return length == 0 ? null : new DeviceSecret(buffer, length);
            }
            finally
            {
                Array.Clear(buffer, 0, buffer.Length);
            }
        }
    }
}
