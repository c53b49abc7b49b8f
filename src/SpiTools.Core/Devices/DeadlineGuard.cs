using System;
using System.Threading;

namespace SpiTools.Devices
{
    /// <summary>
    /// Closes a device's channel from outside the thread that reads it: when the device's deadline token is cancelled
    /// (its time is up, or Ctrl+C), or when a timer armed for one operation runs out before the operation returns. A read
    /// then ends at once (the channel returns its end), and a write that hangs in the SSH library fails, so the device is
    /// reported within a moment of its deadline whatever it sends and whatever the reading thread is doing.
    /// </summary>
    internal sealed class DeadlineGuard : IDisposable
    {
        /// <summary>How long after an operation's own timeout the channel is closed under it.</summary>
        public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

        private readonly IDeviceChannel _channel;
        private CancellationTokenRegistration _registration;
        private Timer? _timer;
        private readonly object _gate = new object();
        private int _fired;
        private bool _disposed;

        private DeadlineGuard(IDeviceChannel channel) => _channel = channel;

        /// <summary>True once the guard has closed the channel.</summary>
        public bool Fired => Volatile.Read(ref _fired) != 0;

        /// <summary>Closes <paramref name="channel"/> when <paramref name="deadline"/> is cancelled.</summary>
        public static DeadlineGuard Watch(IDeviceChannel channel, CancellationToken deadline)
        {
            if (channel is null) throw new ArgumentNullException(nameof(channel));
            var guard = new DeadlineGuard(channel);
            if (deadline.CanBeCanceled) guard._registration = deadline.Register(s => ((DeadlineGuard)s!).Fire(), guard);
            return guard;
        }

        /// <summary>Closes <paramref name="channel"/> unless the guard is disposed within <paramref name="after"/>.</summary>
        public static DeadlineGuard After(IDeviceChannel channel, TimeSpan after)
        {
            if (channel is null) throw new ArgumentNullException(nameof(channel));
            var guard = new DeadlineGuard(channel);
            if (after < TimeSpan.Zero) after = TimeSpan.Zero;
            if (after.TotalMilliseconds < int.MaxValue - 1)
                guard._timer = new Timer(s => ((DeadlineGuard)s!).Fire(), guard, after, Timeout.InfiniteTimeSpan);
            return guard;
        }

        private void Fire()
        {
            lock (_gate)
            {
                // Once disposed (the operation returned in time) the guard never closes anything.
                if (_disposed || _fired != 0) return;
                Volatile.Write(ref _fired, 1);
            }
            // Never on the caller of Cancel() or the timer thread: closing an SSH session can take a moment.
            ThreadPool.QueueUserWorkItem(s =>
            {
                try { ((IDeviceChannel)s!).Close(); }
                catch (Exception) { /* already closed or disposed: the end is what was wanted */ }
            }, _channel);
        }

        /// <summary>Stops watching; a close already started goes on.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
            }
            _registration.Dispose();
            _timer?.Dispose();
        }
    }
}
