using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Devices;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    /// <summary>Keys, fingerprints and hashed entries made with OpenSSH's ssh-keygen (-lf, -H).</summary>
    public sealed class KnownHostsTests : IDisposable
    {
        private const string Ed1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOaq2D3MHC1O9UbLG182EsnjoYHJF9UJ2e16V6kIx+Lh";
        private const string Ed1Fingerprint = "SHA256:XTOpfuPF1VUYw4eZPgVmPddfu8TcLaAqdXrwsIpUj1o";
        private const string Ed2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH8nyaqf3yvFRNDLZszPm9u12trC5T/O+egSjRUK2MrC";
        private const string Ed2Fingerprint = "SHA256:ldjTpPh/r4hMJhwIuAckYRdZJ12yvHh4G9xAXrcSwm4";
        private const string Ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOr4lhT1AqrBm41nkXF4IKmFmqH67xvlrSg0+YWCC1ZpECfvRWTPhyOg2icxlC1dPU0gFc6MMHjhYYjfm0TaqRQ=";
        private const string Ecdsa1Fingerprint = "SHA256:w61tHRQotA77LmaBRWqw5xXnXBchEGXwZFxkZJCZK7g";
        // ssh-keygen -H of "fw-edge1 <Ed1>" and of "[10.1.1.1]:2222 <Ecdsa>".
        private const string HashedFwEdge1 = "|1|0mcPQw+B2TZaNMS33qWirM7i/tE=|PFi66zdFk1iANXuuUZrcKqo7Wo8=";
        private const string HashedPort2222 = "|1|XPx/iOEewJD8u/fLfxzhDsy/Qrk=|zcBLSYXFlUZVf7eS2K843p06Rdc=";

        private readonly string _dir = Path.Combine(Path.GetTempPath(), "spitools-kh-" + Guid.NewGuid().ToString("N"));

        public KnownHostsTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        private KnownHostsFile Write(params string[] lines)
        {
            var path = Path.Combine(_dir, "known_hosts");
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
            return new KnownHostsFile(path);
        }

        [Fact]
        public void Fingerprints_are_those_ssh_keygen_prints()
        {
            Assert.Equal(Ed1Fingerprint, HostKey.Parse(Ed1).Fingerprint);
            Assert.Equal(Ed2Fingerprint, HostKey.Parse(Ed2).Fingerprint);
            Assert.Equal(Ecdsa1Fingerprint, HostKey.Parse(Ecdsa).Fingerprint);
            Assert.Equal("ssh-ed25519", HostKey.Parse(Ed1).KeyType);
            Assert.Throws<FormatException>(() => HostKey.Parse("ssh-rsa " + Ed1.Split(' ')[1]));
        }

        [Fact]
        public void Plain_hashed_and_port_entries_give_known_unknown_and_mismatch()
        {
            var kh = Write(
                "# devices",
                "",
                "fw-edge1,198.51.100.1 " + Ed1 + " fw-edge1 key",
                HashedPort2222 + " " + Ecdsa,
                "hub*,!hub9 " + Ed2,
                "@cert-authority *.example.net " + Ed2,
                "@revoked * " + Ecdsa,
                "not-a-valid-line",
                "rtr1 ssh-ed25519 !!notbase64!!",
                "rtr2 ssh-rsa " + Ed1.Split(' ')[1],
                "@weird rtr3 " + Ed1);
            var ed1 = HostKey.Parse(Ed1);
            var ed2 = HostKey.Parse(Ed2);
            var ecdsa = HostKey.Parse(Ecdsa);

            Assert.Equal(HostKeyStatus.Known, kh.Check("fw-edge1", 22, ed1).Status);
            Assert.Equal(3, kh.Check("FW-EDGE1", 22, ed1).Line);
            Assert.Equal(HostKeyStatus.Known, kh.Check("198.51.100.1", 22, ed1).Status);
            Assert.Equal(HostKeyStatus.Mismatch, kh.Check("fw-edge1", 22, ed2).Status);
            Assert.Equal(HostKeyStatus.Unknown, kh.Check("fw-edge1", 2222, ed1).Status);   // port 22 entries don't cover 2222
            Assert.Equal(HostKeyStatus.Known, kh.Check("hub3", 22, ed2).Status);          // wildcard
            Assert.Equal(HostKeyStatus.Unknown, kh.Check("hub9", 22, ed2).Status);        // negated
            Assert.Equal(HostKeyStatus.Unknown, kh.Check("x.example.net", 22, ed2).Status); // CA lines are not host keys

            // A key revoked for every host is revoked even where it is also listed as a host's key.
            Assert.Equal(HostKeyStatus.Revoked, kh.Check("10.1.1.1", 2222, ecdsa).Status);
            Assert.Equal(7, kh.Check("fw-edge1", 22, ecdsa).Line);

            Assert.Equal(new[] { 8, 9, 10, 11 }, kh.Problems.Select(p => p.Line));
        }

        [Fact]
        public void A_hashed_entry_matches_its_host_and_port_only()
        {
            var kh = Write(HashedFwEdge1 + " " + Ed1, HashedPort2222 + " " + Ecdsa);
            Assert.Equal(HostKeyStatus.Known, kh.Check("fw-edge1", 22, HostKey.Parse(Ed1)).Status);
            Assert.Equal(HostKeyStatus.Unknown, kh.Check("fw-edge2", 22, HostKey.Parse(Ed1)).Status);
            Assert.Equal(HostKeyStatus.Known, kh.Check("10.1.1.1", 2222, HostKey.Parse(Ecdsa)).Status);
            Assert.Equal(HostKeyStatus.Unknown, kh.Check("10.1.1.1", 22, HostKey.Parse(Ecdsa)).Status);
            var unknownType = kh.Check("fw-edge1", 22, HostKey.Parse(Ecdsa));
            Assert.Equal(HostKeyStatus.Unknown, unknownType.Status);
            Assert.Equal(new[] { "ssh-ed25519" }, unknownType.KnownKeyTypes);
            Assert.Empty(kh.Problems);
        }

        [Fact]
        public void Failures_are_typed_and_carry_the_fingerprint_to_check()
        {
            var kh = Write("fw-edge1 " + Ed1, "@revoked fw-old " + Ed2);
            var unknown = Assert.Throws<DeviceException>(() => kh.Check("fw-edge9", 22, HostKey.Parse(Ed2)).ThrowIfNotKnown());
            Assert.Equal(ErrorIds.HostKeyUnknown, unknown.ErrorId);
            Assert.Equal(Ed2Fingerprint, unknown.Fingerprint);
            Assert.Contains(Ed2Fingerprint, unknown.Message);
            Assert.Equal(ErrorIds.HostKeyMismatch, Assert.Throws<DeviceException>(() => kh.Check("fw-edge1", 22, HostKey.Parse(Ed2)).ThrowIfNotKnown()).ErrorId);
            Assert.Equal(ErrorIds.HostKeyRevoked, Assert.Throws<DeviceException>(() => kh.Check("fw-old", 22, HostKey.Parse(Ed2)).ThrowIfNotKnown()).ErrorId);
            kh.Check("fw-edge1", 22, HostKey.Parse(Ed1)).ThrowIfNotKnown(); // the known key passes
        }

        [Fact]
        public void A_given_fingerprint_is_known_or_a_mismatch()
        {
            var key = HostKey.Parse(Ed1);
            Assert.Equal(HostKeyStatus.Known, HostKeyFingerprint.Verify("fw-edge1", 22, key, Ed1Fingerprint).Status);
            Assert.Equal(HostKeyStatus.Known, HostKeyFingerprint.Verify("fw-edge1", 22, key, Ed1Fingerprint + "=").Status);
            Assert.Equal(HostKeyStatus.Mismatch, HostKeyFingerprint.Verify("fw-edge1", 22, key, Ed2Fingerprint).Status);
            Assert.Equal(ErrorIds.InvalidDeviceArgument, Assert.Throws<DeviceException>(() => HostKeyFingerprint.Verify("fw-edge1", 22, key, "MD5:aa:bb")).ErrorId);
        }

        [Fact]
        public void Accept_new_records_a_new_key_once_and_never_a_changed_one()
        {
            var path = Path.Combine(_dir, "sub", "known_hosts");
            var kh = new KnownHostsFile(path);
            Assert.Equal(HostKeyStatus.Unknown, kh.Check("fw-edge1", 22, HostKey.Parse(Ed1)).Status);
            var added = kh.CheckOrAdd("fw-edge1", 22, HostKey.Parse(Ed1));
            Assert.True(added.Recorded);
            Assert.Equal(HostKeyStatus.Known, added.Status);
            Assert.Equal(HostKeyStatus.Known, kh.Check("fw-edge1", 22, HostKey.Parse(Ed1)).Status);
            Assert.False(kh.CheckOrAdd("fw-edge1", 22, HostKey.Parse(Ed1)).Recorded);
            var before = File.ReadAllText(path);
            var changed = kh.CheckOrAdd("fw-edge1", 22, HostKey.Parse(Ed2));
            Assert.Equal(HostKeyStatus.Mismatch, changed.Status);
            Assert.False(changed.Recorded);
            Assert.Equal(before, File.ReadAllText(path));
            Assert.Equal("fw-edge1 " + Ed1 + "\n", before);

            var port = kh.CheckOrAdd("10.1.1.1", 2222, HostKey.Parse(Ecdsa));
            Assert.True(port.Recorded);
            Assert.EndsWith("[10.1.1.1]:2222 " + Ecdsa + "\n", File.ReadAllText(path));

            var hashed = new KnownHostsFile(path) { HashNewEntries = true };
            Assert.True(hashed.CheckOrAdd("hub1", 22, HostKey.Parse(Ed2)).Recorded);
            Assert.StartsWith("|1|", File.ReadAllLines(path).Last());
            Assert.Equal(HostKeyStatus.Known, kh.Check("hub1", 22, HostKey.Parse(Ed2)).Status);
        }

        [Fact]
        public void Accept_new_never_widens_trust_to_a_key_of_another_type()
        {
            var kh = Write("fw-edge1 " + Ecdsa, "[hub1]:2222 " + Ed1);
            var path = kh.Path;
            var before = File.ReadAllText(path);

            // An ecdsa key is on record for fw-edge1: its ed25519 key is not accepted as new, and nothing is appended.
            var other = kh.CheckOrAdd("fw-edge1", 22, HostKey.Parse(Ed2));
            Assert.Equal(HostKeyStatus.Unknown, other.Status);
            Assert.False(other.Recorded);
            Assert.Equal(new[] { "ecdsa-sha2-nistp256" }, other.KnownKeyTypes);
            Assert.Equal(before, File.ReadAllText(path));
            var e = Assert.Throws<DeviceException>(() => other.ThrowIfNotKnown());
            Assert.Equal(ErrorIds.HostKeyUnknown, e.ErrorId);
            Assert.Contains("ecdsa-sha2-nistp256", e.Message);
            Assert.Contains("nothing was recorded", e.Message);
            Assert.Equal(Ed2Fingerprint, e.Fingerprint);

            // The recorded key still passes, and a host with nothing recorded still gets its key recorded.
            Assert.Equal(HostKeyStatus.Known, kh.CheckOrAdd("fw-edge1", 22, HostKey.Parse(Ecdsa)).Status);
            Assert.Equal(HostKeyStatus.Unknown, kh.CheckOrAdd("hub1", 2222, HostKey.Parse(Ecdsa)).Status);
            Assert.Equal(before, File.ReadAllText(path));
            Assert.True(kh.CheckOrAdd("fw-branch", 22, HostKey.Parse(Ed2)).Recorded);
            Assert.EndsWith("fw-branch " + Ed2 + "\n", File.ReadAllText(path));
        }

        [Fact]
        public void The_recorded_key_types_are_those_of_the_host_and_port_only()
        {
            var kh = Write("fw-edge1 " + Ecdsa, "@revoked fw-edge1 " + Ed2, "[fw-edge1]:2222 " + Ed1, "*.corp,fw-* " + Ed1, "# fw-edge1 ssh-rsa x");
            Assert.Equal(new[] { "ecdsa-sha2-nistp256", "ssh-ed25519" }, kh.RecordedKeyTypes("fw-edge1", 22));
            Assert.Equal(new[] { "ssh-ed25519" }, kh.RecordedKeyTypes("fw-edge1", 2222));
            Assert.Empty(kh.RecordedKeyTypes("hub1", 22));
            Assert.Empty(new KnownHostsFile(Path.Combine(_dir, "missing")).RecordedKeyTypes("fw-edge1", 22));
        }

        [Fact]
        public void The_recorded_key_type_is_asked_for_first_in_the_client_order()
        {
            var client = new[] { "ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" };
            Assert.Equal(new[] { "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519", "ecdsa-sha2-nistp256" },
                HostKeyAlgorithmPreference.Order(client, new[] { "ssh-rsa" }));
            Assert.Equal(new[] { "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-ed25519-cert-v01@openssh.com", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" },
                HostKeyAlgorithmPreference.Order(client, new[] { "ecdsa-sha2-nistp256", "ssh-ed25519" }));
            Assert.Equal(client, HostKeyAlgorithmPreference.Order(client, Array.Empty<string>()));
            Assert.Null(HostKeyAlgorithmPreference.KeyTypeOf("rsa-sha2-512-cert-v01@openssh.com"));
        }

        [Fact]
        public void A_file_without_a_final_newline_gets_one_before_the_new_entry()
        {
            var path = Path.Combine(_dir, "known_hosts");
            File.WriteAllText(path, "fw-edge1 " + Ed1);
            Assert.True(new KnownHostsFile(path).CheckOrAdd("hub1", 22, HostKey.Parse(Ed2)).Recorded);
            Assert.Equal(new[] { "fw-edge1 " + Ed1, "hub1 " + Ed2 }, File.ReadAllLines(path));
        }

        [Fact]
        public void Parallel_writers_never_corrupt_the_file_or_add_a_host_twice()
        {
            var path = Path.Combine(_dir, "known_hosts");
            var keys = new[] { HostKey.Parse(Ed1), HostKey.Parse(Ed2), HostKey.Parse(Ecdsa) };
            const int threads = 8, hosts = 12;
            int recorded = 0;
            var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                try
                {
                var kh = new KnownHostsFile(path) { HashNewEntries = t % 2 == 0 };
                for (int h = 0; h < hosts; h++)
                {
                    var r = kh.CheckOrAdd($"dev{h}", 22, keys[h % keys.Length]);
                    Assert.Equal(HostKeyStatus.Known, r.Status);
                    if (r.Recorded) Interlocked.Increment(ref recorded);
                }
                }
                catch (Exception ex) { failures.Enqueue(ex); }
            })).ToArray();
            foreach (var w in workers) w.Start();
            foreach (var w in workers) Assert.True(w.Join(TimeSpan.FromSeconds(60)));
            Assert.Empty(failures);
            Assert.Equal(hosts, recorded);
            var lines = File.ReadAllLines(path);
            Assert.Equal(hosts, lines.Length);
            var check = new KnownHostsFile(path);
            for (int h = 0; h < hosts; h++)
                Assert.Equal(HostKeyStatus.Known, check.Check($"dev{h}", 22, keys[h % keys.Length]).Status);
            Assert.Empty(check.Problems);
        }
    }
}
