using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// Headless Chromium driven over the DevTools protocol on loopback: open a page at a given width, run script in it
    /// as a user's clicks would, take a screenshot, and collect every console error and uncaught exception. A fresh
    /// profile each time, no network services, every wait bounded.
    /// </summary>
    internal sealed class HeadlessBrowser : IDisposable
    {
        public const string Chromium = "/usr/bin/chromium";
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

        private readonly Process _process;
        private readonly ClientWebSocket _socket = new();
        private readonly string _session;
        private int _next;

        /// <summary>Console errors, uncaught exceptions and error log entries (CSP refusals among them), in order.</summary>
        public List<string> Errors { get; } = new();

        private readonly List<string> _events = new();

        public HeadlessBrowser(string profile)
        {
            Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (.ci/run does when it is missing)");
            var psi = new ProcessStartInfo(Chromium) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank" })
                psi.ArgumentList.Add(a);
            _process = Process.Start(psi)!;
            _process.StandardOutput.ReadToEndAsync();
            string? endpoint = null;
            var clock = Stopwatch.StartNew();
            var read = _process.StandardError.ReadLineAsync();
            while (endpoint == null)
            {
                Assert.True(read.Wait(Wait - clock.Elapsed), "chromium printed no DevTools endpoint within 30 s");
                var line = read.Result ?? throw new InvalidOperationException("chromium ended before it listened");
                var m = Regex.Match(line, @"DevTools listening on (ws://127\.0\.0\.1:\d+/\S+)");
                if (m.Success) endpoint = m.Groups[1].Value;
                else read = _process.StandardError.ReadLineAsync();
            }
            _process.StandardError.ReadToEndAsync();
            using (var cts = new CancellationTokenSource(Wait)) _socket.ConnectAsync(new Uri(endpoint), cts.Token).GetAwaiter().GetResult();
            var target = Send("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, session: false);
            _session = Send("Target.attachToTarget", new JsonObject { ["targetId"] = target.GetProperty("targetId").GetString(), ["flatten"] = true }, session: false)
                .GetProperty("sessionId").GetString()!;
            Send("Page.enable");
            Send("Runtime.enable");
            Send("Log.enable");
        }

        /// <summary>Opens <paramref name="url"/> in a window <paramref name="width"/> × <paramref name="height"/> and waits for its load event.</summary>
        public void Open(string url, int width, int height)
        {
            Send("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = width < 600 });
            _events.Clear();
            Send("Page.navigate", new JsonObject { ["url"] = url });
            var clock = Stopwatch.StartNew();
            while (!_events.Contains("Page.loadEventFired"))
            {
                Assert.True(clock.Elapsed < Wait, "the page did not load within 30 s");
                Receive(-1);
            }
        }

        /// <summary>Runs an expression in the page; its value, as JSON.</summary>
        public JsonElement Evaluate(string expression)
        {
            var r = Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
            if (r.TryGetProperty("exceptionDetails", out var ex)) throw new InvalidOperationException("script failed: " + ex);
            var result = r.GetProperty("result");
            return result.TryGetProperty("value", out var v) ? v : default;
        }

        /// <summary>Turns the page's own scripts off (for the pages opened after), as a reader with scripting off has it.</summary>
        public void DisableScripts() => Send("Emulation.setScriptExecutionDisabled", new JsonObject { ["value"] = true });

        /// <summary>The page's DOM as HTML, read without running script in it.</summary>
        public string Html()
        {
            var root = Send("DOM.getDocument", new JsonObject { ["depth"] = 0 }).GetProperty("root").GetProperty("nodeId").GetInt32();
            return Send("DOM.getOuterHTML", new JsonObject { ["nodeId"] = root }).GetProperty("outerHTML").GetString()!;
        }

        /// <summary>A PNG of what the window shows.</summary>
        public byte[] Screenshot() => Convert.FromBase64String(Send("Page.captureScreenshot", new JsonObject { ["format"] = "png" }).GetProperty("data").GetString()!);

        private JsonElement Send(string method, JsonObject? parameters = null, bool session = true)
        {
            int id = ++_next;
            var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
            if (session) message["sessionId"] = _session;
            using (var cts = new CancellationTokenSource(Wait))
                _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cts.Token).GetAwaiter().GetResult();
            while (true)
            {
                var reply = Receive(id);
                if (reply is { } r)
                {
                    if (r.TryGetProperty("error", out var error)) throw new InvalidOperationException($"{method}: {error}");
                    return r.GetProperty("result").Clone();
                }
            }
        }

        /// <summary>Reads one message: the reply to <paramref name="id"/>, or an event (recorded; null returned).</summary>
        private JsonElement? Receive(int id)
        {
            var buffer = new byte[1 << 16];
            using var data = new MemoryStream();
            using var cts = new CancellationTokenSource(Wait);
            WebSocketReceiveResult part;
            do
            {
                part = _socket.ReceiveAsync(buffer, cts.Token).GetAwaiter().GetResult();
                data.Write(buffer, 0, part.Count);
            } while (!part.EndOfMessage);
            using var doc = JsonDocument.Parse(data.ToArray());
            var root = doc.RootElement;
            if (root.TryGetProperty("id", out var rid)) return rid.GetInt32() == id ? root.Clone() : null;
            string method = root.GetProperty("method").GetString()!;
            _events.Add(method);
            var p = root.GetProperty("params");
            switch (method)
            {
                case "Runtime.exceptionThrown":
                    Errors.Add("exception: " + p.GetProperty("exceptionDetails"));
                    break;
                case "Runtime.consoleAPICalled" when p.GetProperty("type").GetString() is "error" or "assert":
                    Errors.Add("console: " + p.GetProperty("args"));
                    break;
                case "Log.entryAdded" when p.GetProperty("entry").GetProperty("level").GetString() == "error":
                    Errors.Add("log: " + p.GetProperty("entry").GetProperty("text").GetString());
                    break;
            }
            return null;
        }

        public void Dispose()
        {
            try { _socket.Dispose(); } catch (ObjectDisposedException) { }
            try
            {
                if (!_process.HasExited) _process.Kill(true);
                _process.WaitForExit(10_000);
            }
            catch (InvalidOperationException) { }
            _process.Dispose();
        }
    }
}
