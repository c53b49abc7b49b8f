using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// The writers read each record type's properties from a contract generated at build time. A property added to a
    /// record type, or a new record type, must reach JSON and CSV: these tests compare the writers' lists with what
    /// reflection finds on the types.
    /// </summary>
    public class RecordShapeTests
    {
        /// <summary>Every record type of the core: the public, concrete <see cref="ICaptureRecord"/> implementations.</summary>
        private static Type[] CoreRecordTypes() =>
            typeof(ICaptureRecord).Assembly.GetExportedTypes()
                .Where(t => t.IsClass && !t.IsAbstract && typeof(ICaptureRecord).IsAssignableFrom(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .ToArray();

        public static TheoryData<Type> RecordTypes()
        {
            var data = new TheoryData<Type>();
            foreach (var t in CoreRecordTypes()) data.Add(t);
            return data;
        }

        /// <summary>The JSON members as the reflection-based writer produced them: RecordType, then declaration order.</summary>
        private static string[] ExpectedMembers(Type type) =>
            new[] { "RecordType" }.Concat(
                type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "RecordType")
                    .OrderBy(p => p.MetadataToken)
                    .Select(p => p.Name)).ToArray();

        private static bool IsScalar(Type t) => t == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(t);

        [Fact]
        public void The_core_has_the_record_types_the_writers_know()
        {
            var names = CoreRecordTypes().Select(t => t.Name).ToList();
            Assert.Contains("IpsecSa", names);
            Assert.Contains("Finding", names);
            Assert.True(names.Count >= 8, string.Join(", ", names));
        }

        [Theory]
        [MemberData(nameof(RecordTypes))]
        public void Json_members_are_every_public_property_in_declaration_order(Type type)
        {
            var shape = RecordShape.For(type);
            Assert.Equal(ExpectedMembers(type), shape.Properties.Select(p => p.Name).ToArray());
        }

        [Theory]
        [MemberData(nameof(RecordTypes))]
        public void Csv_columns_are_every_scalar_public_property_in_declaration_order(Type type)
        {
            var shape = RecordShape.For(type);
            var expected = ExpectedMembers(type).Where(n => IsScalar(type.GetProperty(n)!.PropertyType)).ToArray();
            Assert.Equal(expected, shape.Scalar.Select(i => shape.Properties[i].Name).ToArray());
        }

        [Theory]
        [MemberData(nameof(RecordTypes))]
        public void Every_property_value_reaches_the_json_object(Type type)
        {
            // Each settable property gets a value of its own; the written object must carry each one back.
            var record = Activator.CreateInstance(type)!;
            int n = 0;
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                n++;
                var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                object? value =
                    t == typeof(string) ? "v" + n :
                    t == typeof(int) ? 1000 + n :
                    t == typeof(long) ? 5_000_000_000L + n :
                    t == typeof(double) ? n + 0.25 :
                    t == typeof(bool) ? true :
                    t.IsEnum ? Enum.GetValues(t).GetValue(Enum.GetValues(t).Length - 1) :
                    null;
                if (value != null) p.SetValue(record, value);
            }
            var json = JsonOf(record);
            var root = JsonDocument.Parse(json).RootElement.EnumerateArray().Single();
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Assert.True(root.TryGetProperty(p.Name, out var written), $"{type.Name}.{p.Name} is missing from {json}");
                var value = p.GetValue(record);
                if (value is string or int or long or double or bool or Enum)
                    Assert.Equal(RecordWriter.Format(value), written.ValueKind switch
                    {
                        JsonValueKind.True => "True",
                        JsonValueKind.False => "False",
                        JsonValueKind.String => written.GetString(),
                        _ => written.GetRawText(),
                    });
            }
        }

        [Fact]
        public void A_type_without_a_contract_is_refused_by_name_while_record_types_still_write()
        {
            var ex = Assert.Throws<NotSupportedException>(() => RecordShape.For(typeof(Uri)));
            Assert.Contains("Uri has no JSON contract", ex.Message);
            var json = JsonOf(new VpnContext { Context = "0x2D2EA0A4", Direction = SaDirection.Outbound, Packets = 41006 });
            Assert.Contains("\"Direction\": \"Outbound\"", json);
            Assert.Contains("\"Packets\": 41006", json);
        }

        private static string JsonOf(object record)
        {
            using var ms = new MemoryStream();
            using (var writer = new RecordWriter(new StringWriter(), ms, OutputFormat.Json))
            {
                writer.Write(record);
                writer.Complete();
            }
            return Encoding.UTF8.GetString(ms.ToArray());
        }
    }
}
