using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Services;
using SpiTools.Services.Targets;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>
    /// The one place targets are made for every cmdlet and CLI verb: the spec fills in what a row leaves out, a device given
    /// twice (host, port, context) is worked on once, a partition keeps its part, and every value is held to the limits
    /// both front ends share.
    /// </summary>
    public class DeviceTargetBuilderTests
    {
        [Theory]
        [InlineData("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s")]
        [InlineData("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s=")]
        [InlineData("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2")]
        [InlineData("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s==")]
        [InlineData("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2-")]
        [InlineData("sha256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s")]
        [InlineData("MD5:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s")]
        [InlineData("")]
        public void The_fingerprint_check_agrees_with_the_pattern_the_cmdlets_validate_with(string value) =>
            Assert.Equal(System.Text.RegularExpressions.Regex.IsMatch(value, OptionLimits.HostKeyFingerprintPattern), DeviceTargetBuilder.IsSha256Fingerprint(value));

        private static DeviceTargetSpec Spec() => new DeviceTargetSpec { UserName = "netops", Password = new DeviceSecret("login-secret") };

        [Fact]
        public void A_device_given_twice_is_worked_on_once_with_a_warning_and_two_contexts_or_ports_of_one_box_are_two_devices()
        {
            var warnings = new List<string>();
            var builder = new DeviceTargetBuilder(Spec(), warnings.Add);
            var targets = builder.Add(new[]
            {
                new DeviceTargetRow { Host = "fw-edge1", Context = "cust-a" },
                new DeviceTargetRow { Host = "fw-edge1", Context = "cust-b" },
                new DeviceTargetRow { Host = "FW-EDGE1", Context = "CUST-A" },
                new DeviceTargetRow { Host = "fw-edge1", Port = 2222, Context = "cust-a" },
                new DeviceTargetRow { Host = "ciscoasa" },
                new DeviceTargetRow { Host = "ciscoasa", Port = 22 },
            });
            Assert.Equal(new[] { "fw-edge1:22/cust-a", "fw-edge1:22/cust-b", "fw-edge1:2222/cust-a", "ciscoasa:22/" },
                targets.Select(t => $"{t.Name}:{t.Connect!.Port}/{t.Request.Context}"));
            Assert.Equal(new[] { "FW-EDGE1/CUST-A: given twice; worked on once", "ciscoasa: given twice; worked on once" }, warnings);
            Assert.Equal(4, builder.Targets.Count);
            // A second call of the same run (the next pipeline record) still knows what was given.
            Assert.Empty(builder.Add(new[] { new DeviceTargetRow { Host = "fw-edge1", Context = "cust-b" } }));
            Assert.Equal(4, builder.Targets.Count);
        }

        [Fact]
        public void A_rows_inventory_columns_reach_its_target_in_order_and_connection_columns_are_not_among_them()
        {
            var given = new[]
            {
                new KeyValuePair<string, string?>("ComputerName", "10.0.0.1"), new KeyValuePair<string, string?>("Site", "Lab 3"),
                new KeyValuePair<string, string?>("name", "edge-lab"), new KeyValuePair<string, string?>(" Owner ", null),
                new KeyValuePair<string, string?>("Port", "2222"), new KeyValuePair<string, string?>("Region", "emea"),
                new KeyValuePair<string, string?>("HostKeyFingerprint", ""), new KeyValuePair<string, string?>("CredentialName", "fw"),
                new KeyValuePair<string, string?>("Context", "a"), new KeyValuePair<string, string?>("User", "x"), new KeyValuePair<string, string?>("Host", "h"),
            };
            var columns = InventoryColumnNames.Extra(given);
            Assert.Equal(new[] { "Site=Lab 3", "Owner=", "Region=emea" }, columns.Select(c => c.Key + "=" + c.Value));

            var builder = new DeviceTargetBuilder(Spec());
            var targets = builder.Add(new[]
            {
                new DeviceTargetRow { Host = "10.0.0.1", Name = "edge-lab", InventoryColumns = columns },
                new DeviceTargetRow { Host = "10.0.0.2" },
            });
            Assert.Equal(("edge-lab", columns), (targets[0].Id, targets[0].InventoryColumns));
            Assert.Empty(targets[1].InventoryColumns);
            // A worker's copy keeps them.
            Assert.Same(columns, targets[0].Copy().InventoryColumns);
        }

        [Fact]
        public void The_identity_key_is_host_port_and_context_without_case()
        {
            Assert.Equal(DeviceTargetBuilder.IdentityKey(null, "FW1", 22, "A"), DeviceTargetBuilder.IdentityKey(null, "fw1", 22, "a"));
            Assert.NotEqual(DeviceTargetBuilder.IdentityKey(null, "fw1", 22, "a"), DeviceTargetBuilder.IdentityKey(null, "fw1", 22, "b"));
            Assert.NotEqual(DeviceTargetBuilder.IdentityKey(null, "fw1", 22, null), DeviceTargetBuilder.IdentityKey(null, "fw1", 2222, null));
        }

        [Fact]
        public void A_partition_keeps_its_part_by_host_and_port_and_the_parts_cover_every_device_once()
        {
            var rows = Enumerable.Range(1, 40).Select(i => new DeviceTargetRow { Host = $"fw{i}", Port = i % 3 == 0 ? 2222 : null }).ToList();
            var parts = Enumerable.Range(1, 3).Select(k =>
            {
                var spec = Spec();
                spec.Partition = $"{k}/3";
                return new DeviceTargetBuilder(spec).Add(rows).Select(t => DeviceTargetBuilder.PartitionKey(t.Connect!.Host, t.Connect.Port)).ToList();
            }).ToList();
            Assert.Equal(rows.Count, parts.Sum(p => p.Count));
            Assert.Equal(rows.Count, parts.SelectMany(p => p).Distinct().Count());
            foreach (var (part, k) in parts.Select((p, i) => (p, i + 1)))
                Assert.All(part, key => Assert.True(AuditPartition.Includes(key, $"{k}/3")));
            Assert.Contains("fw3:2222", parts.SelectMany(p => p));
        }

        [Fact]
        public void The_spec_fills_in_what_a_row_leaves_out_and_a_row_wins_where_it_names_a_value()
        {
            var spec = Spec();
            spec.Port = 2022;
            spec.Context = "admin";
            spec.HostKeyFingerprint = "SHA256:" + new string('A', 43);
            spec.Extras = CollectionExtras.Log | CollectionExtras.IkeSas;
            spec.CommandTimeoutSeconds = 600;
            spec.DeviceTimeoutSeconds = 60;
            var rowSecret = new DeviceSecret("row-secret");
            var builder = new DeviceTargetBuilder(spec);
            var targets = builder.Add(new[]
            {
                new DeviceTargetRow { Host = "a" },
                new DeviceTargetRow { Host = "b", Port = 22, Context = "cust-b", UserName = "ops2", Password = rowSecret, HostKeyFingerprint = "SHA256:" + new string('B', 43) },
            });
            var (a, b) = (targets[0], targets[1]);
            Assert.Equal((2022, "netops", "admin"), (a.Connect!.Port, a.Connect.UserName, a.Request.Context));
            Assert.Same(spec.Password, a.Connect.Password);
            Assert.Equal("SHA256:" + new string('A', 43), a.Connect.HostKeyFingerprint);
            Assert.Equal((22, "ops2", "cust-b"), (b.Connect!.Port, b.Connect.UserName, b.Request.Context));
            Assert.Same(rowSecret, b.Connect.Password);
            Assert.Equal("SHA256:" + new string('B', 43), b.Connect.HostKeyFingerprint);
            Assert.True(a.Request.IncludeLog && a.Request.IncludeIkeSas);
            // One command never outlasts its device.
            Assert.Equal(TimeSpan.FromSeconds(60), a.CommandTimeout);
            Assert.Equal(TimeSpan.FromSeconds(60), a.DeviceTimeout);
            builder.DisposeSecrets();
            Assert.True(rowSecret.IsDisposed && spec.Password!.IsDisposed);
        }

        [Fact]
        public void A_key_file_takes_the_password_as_its_passphrase_and_an_empty_one_as_none()
        {
            var spec = Spec();
            spec.KeyFilePath = "/keys/id_ed25519";
            var t = new DeviceTargetBuilder(spec).Build(new DeviceTargetRow { Host = "a" });
            Assert.Null(t.Connect!.Password);
            Assert.Same(spec.Password, t.Connect.KeyPassphrase);
            var empty = new DeviceTargetSpec { UserName = "u", Password = new DeviceSecret(""), KeyFilePath = "/k" };
            Assert.Null(new DeviceTargetBuilder(empty).Build(new DeviceTargetRow { Host = "a" }).Connect!.KeyPassphrase);
        }

        public static TheoryData<Action<DeviceTargetSpec>, string> OutOfLimits => new()
        {
            { s => s.Port = OptionLimits.MaxPort + 1, "Port" },
            { s => s.CommandTimeoutSeconds = OptionLimits.MinCommandTimeoutSeconds - 1, "TimeoutSeconds" },
            { s => s.CommandTimeoutSeconds = OptionLimits.MaxCommandTimeoutSeconds + 1, "TimeoutSeconds" },
            { s => s.PromptTimeoutSeconds = OptionLimits.MaxPromptTimeoutSeconds + 1, "PromptTimeoutSeconds" },
            { s => s.DeviceTimeoutSeconds = OptionLimits.MinDeviceTimeoutSeconds - 1, "DeviceTimeoutSeconds" },
            { s => s.HostKeyFingerprint = "MD5:aa:bb", "HostKeyFingerprint" },
            { s => s.Partition = "3/2", "Partition" },
            { s => s.Context = "a;b", "Context" },
            { s => s.Peer = "not-an-address", "Peer" },
        };

        [Theory]
        [MemberData(nameof(OutOfLimits))]
        public void A_value_outside_the_shared_limits_is_refused_before_any_target_and_the_limit_itself_is_taken(Action<DeviceTargetSpec> spoil, string argument)
        {
            var spec = Spec();
            spoil(spec);
            var ex = Assert.Throws<DeviceException>(() => new DeviceTargetBuilder(spec));
            Assert.Equal(ErrorIds.InvalidDeviceArgument, ex.ErrorId);
            Assert.Equal(argument, ex.ArgumentName);
            // The limits themselves are accepted.
            var edge = Spec();
            edge.Port = OptionLimits.MaxPort;
            edge.CommandTimeoutSeconds = OptionLimits.MaxCommandTimeoutSeconds;
            edge.PromptTimeoutSeconds = OptionLimits.MaxPromptTimeoutSeconds;
            edge.DeviceTimeoutSeconds = OptionLimits.MinDeviceTimeoutSeconds;
            edge.Partition = "2/2";
            Assert.Single(new DeviceTargetBuilder(edge).Add(new[] { new DeviceTargetRow { Host = "a" }, new DeviceTargetRow { Host = "b" }, new DeviceTargetRow { Host = "c" } }).Take(1));
        }

        [Fact]
        public void A_bad_cell_of_an_inventory_row_fails_that_device_only_where_the_same_row_given_as_a_parameter_is_refused()
        {
            var builder = new DeviceTargetBuilder(Spec());
            var good = new DeviceTargetRow { Host = "a", Origin = "inventory.csv line 2" };
            var md5 = new DeviceTargetRow { Host = "b", Name = "branch-5", HostKeyFingerprint = "MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48", Origin = "inventory.csv line 3", Password = new DeviceSecret("row-secret") };
            var context = new DeviceTargetRow { Host = "c", Port = 2222, Context = "x\ny", Origin = "inventory.csv line 4" };
            Assert.Null(builder.RowFailure(good));
            var fingerprintFailure = builder.RowFailure(md5)!;
            var contextFailure = builder.RowFailure(context)!;
            Assert.Equal(("branch-5", "b", ErrorIds.InvalidDeviceArgument), (fingerprintFailure.Device, fingerprintFailure.Host, fingerprintFailure.Error.ErrorId));
            Assert.Equal("branch-5 (b): inventory.csv line 3, column HostKeyFingerprint: an MD5 fingerprint; a SHA256 fingerprint is SHA256: and 43 base64 characters, " +
                "as ssh-keygen -l -E sha256 prints it; the device was not contacted", fingerprintFailure.Error.Message);
            // Named by its identity, its context shown printable.
            Assert.Equal("c:2222/x\\ny", contextFailure.Device);
            Assert.StartsWith("c:2222/x\\ny: inventory.csv line 4, column Context: character 2 is a control character;", contextFailure.Error.Message, StringComparison.Ordinal);
            Assert.Equal(new[] { fingerprintFailure, contextFailure }, builder.Failures);
            Assert.True(md5.Password!.IsDisposed); // the row's password is overwritten
            Assert.Equal("a", builder.Build(good).Name);
            Assert.Single(builder.Targets);

            // The same rows given as parameters (no origin) are refused by Build, for the whole run.
            var parameters = new DeviceTargetBuilder(Spec());
            md5.Origin = context.Origin = null;
            Assert.Null(parameters.RowFailure(md5));
            Assert.Equal("HostKeyFingerprint", Assert.Throws<DeviceException>(() => parameters.Build(md5)).ArgumentName);
            Assert.Equal("Context", Assert.Throws<DeviceException>(() => parameters.Build(context)).ArgumentName);
            Assert.Empty(parameters.Failures);
        }

        [Theory]
        [InlineData("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s", null)]
        [InlineData("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s=", null)]
        [InlineData("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2", "42 characters after SHA256:, where 43 are needed")]
        [InlineData("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2-", "character 43 after SHA256: is not a base64 character")]
        [InlineData("sha256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s", "does not start with SHA256:")]
        [InlineData("hunter2-is-my-password", "does not start with SHA256:")]
        [InlineData("md5:16:27:ac:a5", "an MD5 fingerprint")]
        public void A_fingerprints_problem_is_told_without_its_value_and_only_when_the_check_refuses_it(string value, string? problem)
        {
            var told = DeviceTargetBuilder.FingerprintProblem(value);
            Assert.Equal(problem == null, DeviceTargetBuilder.IsSha256Fingerprint(value));
            if (problem == null) { Assert.Null(told); return; }
            Assert.StartsWith(problem + "; a SHA256 fingerprint is SHA256: and 43 base64 characters", told, StringComparison.Ordinal);
            Assert.DoesNotContain(value.Substring(value.Length - 6), told, StringComparison.OrdinalIgnoreCase);
        }

        [Theory]
        [InlineData("cust-a.1_b", null)]
        [InlineData("cust a", "character 5 is a space")]
        [InlineData("-cust", "character 1 is '-'")]
        [InlineData("cust;reload", "character 5 is ';'")]
        [InlineData("kund\u00e9", "character 5 is not ASCII")]
        [InlineData("secret-password-that-is-far-too-long-for-a-context-name-0123456789", "66 characters long")]
        public void A_contexts_problem_is_told_without_its_value_and_only_when_the_check_refuses_it(string value, string? problem)
        {
            value = System.Text.RegularExpressions.Regex.Unescape(value);
            var told = DeviceTargetBuilder.ContextProblem(value);
            Assert.Equal(problem == null, System.Text.RegularExpressions.Regex.IsMatch(value, OptionLimits.ContextPattern));
            if (problem == null) { Assert.Null(told); return; }
            Assert.StartsWith(problem + "; a context name is letters, digits, '-', '_' or '.', at most 64", told, StringComparison.Ordinal);
            Assert.DoesNotContain(value.Substring(value.Length - 4), told, StringComparison.Ordinal);
        }

        [Fact]
        public void A_bad_row_is_refused_and_a_ready_shell_is_never_merged()
        {
            var builder = new DeviceTargetBuilder(Spec());
            Assert.Equal("Context", Assert.Throws<DeviceException>(() => builder.Build(new DeviceTargetRow { Host = "a", Context = "x\ny" })).ArgumentName);
            Assert.Equal("HostKeyFingerprint", Assert.Throws<DeviceException>(() => builder.Build(new DeviceTargetRow { Host = "a", HostKeyFingerprint = "SHA256:short" })).ArgumentName);
            var noUser = new DeviceTargetBuilder(new DeviceTargetSpec());
            Assert.Equal(ErrorIds.InvalidDeviceArgument, Assert.Throws<DeviceException>(() => noUser.Build(new DeviceTargetRow { Host = "a" })).ErrorId);
            // Two Posh-SSH sessions with one label are two shells: no connection to compare.
            var shells = noUser.Add(new[] { new DeviceTargetRow { Host = "s", OpenChannel = () => null! }, new DeviceTargetRow { Host = "s", OpenChannel = () => null! } });
            Assert.Equal(2, shells.Count);
            Assert.All(shells, t => Assert.Null(t.Connect));
        }
    }
}
