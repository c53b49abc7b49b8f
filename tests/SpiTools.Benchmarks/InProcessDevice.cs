using System;
using System.Collections.Concurrent;
using System.IO;
using System.IO.Pipes;
using System.Text;
using System.Threading;
using SpiTools.Devices;
using SpiTools.Simulator;
using SimulatedSession = SpiTools.Simulator.DeviceSession;

namespace SpiTools.Benchmarks
{
    /// <summary>
    /// The simulator's device (the same code sshd runs as its ForceCommand) on a thread of this process, reached through
    /// two in-process pipes instead of SSH: for fleets larger than one machine's sshd and simulator processes can take.
    /// Everything above the channel (the session, the collector, the audit) is the product's own.
    /// </summary>
    internal sealed class InProcessDevice : IDeviceChannel
    {
        private readonly AnonymousPipeServerStream _toDevice = new(PipeDirection.Out);
        private readonly AnonymousPipeServerStream _fromDevice = new(PipeDirection.In);
        private readonly BlockingCollection<string> _arrived = new();
        private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
        private volatile bool _closed;

        public InProcessDevice(string scenarioFolder, params string[] faults)
        {
            var scenario = Scenario.Load(scenarioFolder);
            var faultSet = new FaultSet();
            foreach (var f in scenario.Faults) faultSet.Add(f);
            foreach (var f in faults) faultSet.Add(f);
            var deviceIn = new AnonymousPipeClientStream(PipeDirection.In, _toDevice.ClientSafePipeHandle);
            var deviceOut = new AnonymousPipeClientStream(PipeDirection.Out, _fromDevice.ClientSafePipeHandle);
            var device = new Thread(() =>
            {
                try { new SimulatedSession(scenario, faultSet, deviceIn, deviceOut, new Recorder(null, scenario.EnablePassword), new StateStore(null)).Run(); }
                catch (Exception) { /* the client went away */ }
                finally { deviceOut.Dispose(); deviceIn.Dispose(); }
            }) { IsBackground = true, Name = "simulated device" };
            var reader = new Thread(Pump) { IsBackground = true, Name = "simulated device reader" };
            device.Start();
            reader.Start();
        }

        private void Pump()
        {
            var buffer = new byte[16 * 1024];
            var chars = new char[16 * 1024 + 4];
            try
            {
                int n;
                while ((n = _fromDevice.Read(buffer, 0, buffer.Length)) > 0)
                {
                    int c = _decoder.GetChars(buffer, 0, n, chars, 0);
                    _arrived.Add(new string(chars, 0, c));
                }
            }
            catch (Exception) { /* closed */ }
            finally { _arrived.CompleteAdding(); }
        }

        public bool IsConnected => !_closed && !_arrived.IsAddingCompleted;

        public void Write(string text)
        {
            if (!IsConnected) throw new DeviceException(Abstractions.ErrorIds.DeviceDisconnected, Abstractions.SpiErrorCategory.ConnectionError, "the simulated device is gone");
            var bytes = Encoding.UTF8.GetBytes(text);
            try { _toDevice.Write(bytes, 0, bytes.Length); _toDevice.Flush(); }
            catch (IOException ex) { throw new DeviceException(Abstractions.ErrorIds.DeviceDisconnected, Abstractions.SpiErrorCategory.ConnectionError, "the simulated device is gone", ex); }
        }

        public string? Read(TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (_arrived.TryTake(out var text, (int)Math.Max(0, timeout.TotalMilliseconds), cancellationToken)) return text;
            return _arrived.IsCompleted ? null : "";
        }

        public void Close()
        {
            if (_closed) return;
            _closed = true;
            try { _toDevice.Dispose(); } catch (Exception) { }
            try { _fromDevice.Dispose(); } catch (Exception) { }
        }

        public void Dispose() => Close();
    }
}
