using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using SpiTools.Devices;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    /// <summary>The read loop every shell channel shares, over a stream that queues what arrives as SSH libraries do.</summary>
    public class ShellReaderTests
    {
        /// <summary>A shell stream's receive queue: bytes in from a receiving thread, out to the reader.</summary>
        private sealed class QueuedStream
        {
            private readonly Queue<byte> _bytes = new Queue<byte>();
            public void Receive(byte[] packet)
            {
                lock (_bytes) foreach (var b in packet) _bytes.Enqueue(b);
            }

            public bool? DataAvailable() { lock (_bytes) return _bytes.Count > 0; }

            public long Length() { lock (_bytes) return _bytes.Count; }

            public int Read(byte[] buffer)
            {
                lock (_bytes)
                {
                    int n = 0;
                    while (n < buffer.Length && _bytes.Count > 0) buffer[n++] = _bytes.Dequeue();
                    return n;
                }
            }
        }

        private static ShellReader Over(QueuedStream s, bool canSayLength = true, bool farEndOpen = true) =>
            new ShellReader(s.DataAvailable, s.Read, () => farEndOpen, canSayLength ? s.Length : null, TimeSpan.FromMilliseconds(20));

        private const int Packet = 32 * 1024;

        /// <summary>A device sending <paramref name="total"/> bytes as fast as it can, each packet announced as SSH.NET does.</summary>
        private static Thread Flood(QueuedStream s, ShellReader reader, int total, byte fill = (byte)'x')
        {
            var t = new Thread(() =>
            {
                var packet = Enumerable.Repeat(fill, Packet).ToArray();
                for (int sent = 0; sent < total; sent += Packet)
                {
                    s.Receive(packet);
                    reader.Arrived();
                }
            }) { IsBackground = true };
            t.Start();
            return t;
        }

        [Fact]
        public void What_arrives_is_read_as_UTF8_across_chunks_then_an_empty_wait_then_the_end()
        {
            var s = new QueuedStream();
            using var reader = Over(s);
            var euro = Encoding.UTF8.GetBytes("€"); // three bytes, split over two packets
            s.Receive(Encoding.UTF8.GetBytes("fw-edge1# ").Concat(euro.Take(1)).ToArray());
            reader.Arrived();
            Assert.Equal("fw-edge1# ", reader.Read(TimeSpan.FromSeconds(1), CancellationToken.None));
            s.Receive(euro.Skip(1).ToArray());
            reader.Arrived();
            Assert.Equal("€", reader.Read(TimeSpan.FromSeconds(1), CancellationToken.None));
            Assert.Equal("", reader.Read(TimeSpan.FromMilliseconds(50), CancellationToken.None));

            // What came before the far end closed is still read, then the end.
            s.Receive(Encoding.UTF8.GetBytes("Logoff\r\n"));
            reader.Ended();
            Assert.Equal("Logoff\r\n", reader.Read(TimeSpan.FromSeconds(1), CancellationToken.None));
            Assert.Null(reader.Read(TimeSpan.FromSeconds(1), CancellationToken.None));
            Assert.True(reader.IsClosed);
        }

        [Fact]
        public void A_far_end_gone_ends_the_read_and_a_cancelled_token_stops_the_wait()
        {
            var s = new QueuedStream();
            using (var closed = Over(s, farEndOpen: false))
                Assert.Null(closed.Read(TimeSpan.FromSeconds(5), CancellationToken.None));

            using var reader = Over(s);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            var clock = Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => reader.Read(TimeSpan.FromSeconds(30), cts.Token));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        }

        [Fact]
        public void A_flood_faster_than_the_reading_is_held_at_the_queue_limit_and_arrives_whole()
        {
            var s = new QueuedStream();
            using var reader = Over(s);
            const int total = 8 * 1024 * 1024;
            var flood = Flood(s, reader, total);

            // Nobody reads: the receiving thread is held once the queue passes the limit, and the queue stays there.
            long most = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(1)) { most = Math.Max(most, s.Length()); Thread.Sleep(10); }
            Assert.True(flood.IsAlive, "the receiving thread was not held");
            Assert.InRange(most, ShellReader.QueueLimit, ShellReader.QueueLimit + Packet);

            // Reading lets it go on, and everything it sent is read, in order and whole.
            long read = 0;
            clock.Restart();
            while (read < total && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                var text = reader.Read(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                Assert.NotNull(text);
                Assert.All(text!, c => Assert.Equal('x', c));
                read += text!.Length;
                most = Math.Max(most, s.Length());
            }
            Assert.Equal(total, read);
            Assert.True(flood.Join(TimeSpan.FromSeconds(5)));
            Assert.True(most <= ShellReader.QueueLimit + Packet, $"{most} bytes queued");
        }

        [Fact]
        public void Closing_lets_a_held_receiving_thread_go_at_once()
        {
            var s = new QueuedStream();
            var reader = Over(s);
            var flood = Flood(s, reader, 16 * 1024 * 1024);
            var clock = Stopwatch.StartNew();
            while (s.Length() < ShellReader.QueueLimit && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
            Thread.Sleep(100);
            Assert.True(flood.IsAlive);
            Assert.True(s.Length() <= ShellReader.QueueLimit + Packet, $"{s.Length()} bytes queued");

            reader.Close();
            // The receiving thread is free again (SSH.NET's must be, to close the channel): the rest arrives unheld.
            Assert.True(flood.Join(TimeSpan.FromSeconds(30)), "the receiving thread is still held after the close");
            Assert.Equal(16 * 1024 * 1024, s.Length());
            Assert.True(reader.IsClosed);
            reader.Dispose();
        }

        [Fact]
        public void A_stream_that_cannot_say_what_it_holds_is_never_held()
        {
            var s = new QueuedStream();
            using var reader = Over(s, canSayLength: false);
            var flood = Flood(s, reader, 4 * 1024 * 1024);
            Assert.True(flood.Join(TimeSpan.FromSeconds(30)));
            Assert.Equal(4 * 1024 * 1024, s.Length());
            Assert.Equal(ShellReader.ChunkBytes, reader.Read(TimeSpan.FromSeconds(1), CancellationToken.None)!.Length);
        }
    }
}
