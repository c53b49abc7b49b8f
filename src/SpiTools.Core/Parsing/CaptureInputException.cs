using System;

namespace SpiTools.Parsing
{
    /// <summary>An input that could not be read at all. Other inputs are not affected.</summary>
    public sealed class CaptureInputException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public CaptureInputException(CaptureInputError code, string path, string message, Exception? inner = null)
            : base(message, inner)
        {
            Code = code;
            Path = path;
        }

        /// <summary>Why the input could not be read.</summary>
        public CaptureInputError Code { get; }

        /// <summary>The path given.</summary>
        public string Path { get; }
    }
}
