using System.Text;

namespace SpiTools.Simulator;

/// <summary>
/// What a misbehaving device sends in place of (or in front of) a capture, for the hostile-device faults of
/// <see cref="FaultSet"/>: a cursor-movement flood, a huge output, an output that never ends. Written in large
/// blocks straight to the terminal (the pager does not apply: these devices ignore it).
/// </summary>
public static class HostileOutput
{
    /// <summary>One cursor-forward-to-the-far-right and a carriage return: what the flood is made of.</summary>
    public const string CursorFloodUnit = "\x1b[99999C\r";

    /// <summary>A character, the cursor to the far right, a character and a carriage return: a line as wide as the cursor went.</summary>
    public const string CursorTextUnit = "x\x1b[99999Cx\r";

    /// <summary>A line as <c>show crypto ipsec sa</c> prints many of (64 characters with its CR LF).</summary>
    public const string SaLine = "      #pkts encaps: 2156, #pkts encrypt: 2156, #pkts digest: 2156\r\n";

    private const int Block = 64 * 1024;

    /// <summary>True when one of the faults replaces or precedes every capture's output.</summary>
    public static bool Applies(FaultSet faults) =>
        faults.CursorFloodBytes > 0 || faults.CursorTextFloodBytes > 0 || faults.FloodBytes > 0 || faults.Endless;

    /// <summary>
    /// Writes the fault's output; true when the capture's own output and the prompt are to follow (the cursor
    /// flood), false when the fault replaced it (a flood ends with the prompt only; an endless output never ends).
    /// </summary>
    public static bool Write(FaultSet faults, Stream output)
    {
        if (faults.CursorFloodBytes > 0 && faults.Endless)
        {
            // Cursor movement without end: no text at all, so only a deadline ends it.
            while (true)
                Repeat(output, CursorFloodUnit, faults.CursorFloodBytes);
        }
        if (faults.CursorTextFloodBytes > 0)
        {
            Repeat(output, CursorTextUnit, faults.CursorTextFloodBytes);
            output.Write(Encoding.ASCII.GetBytes("\r\n"));
            return !faults.Endless && faults.FloodBytes == 0;
        }
        if (faults.CursorFloodBytes > 0)
        {
            Repeat(output, CursorFloodUnit, faults.CursorFloodBytes);
            return !faults.Endless && faults.FloodBytes == 0;
        }
        if (faults.FloodBytes > 0)
        {
            Repeat(output, SaLine, faults.FloodBytes);
            return false;
        }
        // Endless: lines until the client goes away (the write fails and the session ends).
        while (true)
            Repeat(output, SaLine, Block);
    }

    private static void Repeat(Stream output, string unit, long bytes)
    {
        byte[] one = Encoding.ASCII.GetBytes(unit);
        int perBlock = Math.Max(1, Block / one.Length);
        byte[] block = new byte[perBlock * one.Length];
        for (int i = 0; i < perBlock; i++)
            Buffer.BlockCopy(one, 0, block, i * one.Length, one.Length);
        long left = Math.Max(one.Length, bytes - bytes % one.Length); // whole units only: a cut sequence would eat what follows
        while (left > 0)
        {
            int n = (int)Math.Min(block.Length, left);
            output.Write(block, 0, n);
            left -= n;
        }
        output.Flush();
    }
}
