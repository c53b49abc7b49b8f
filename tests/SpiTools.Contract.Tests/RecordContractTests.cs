using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using Xunit;

namespace SpiTools.Contract.Tests
{
    /// <summary>
    /// Records are built complete inside the core and read-only outside it: no public setter on any record a cmdlet
    /// outputs or the core reads, no public method that changes one, getters only on <see cref="ICaptureRecord"/>, and a
    /// module whose code builds no record and writes none (it hands its inputs to the core).
    /// </summary>
    public class RecordContractTests
    {
        private static readonly Assembly Module = typeof(SpiTools.Commands.GetIpsecSaCommand).Assembly;
        private static readonly Assembly Core = typeof(SpiTools.IpsecSa).Assembly;

        /// <summary>Every public capture record of the core, and every type of the core a cmdlet declares as its output.</summary>
        private static IReadOnlyList<Type> RecordTypes()
        {
            var records = Core.GetExportedTypes().Where(t => t.IsClass && typeof(ICaptureRecord).IsAssignableFrom(t));
            var outputs = ModuleContractTests.Cmdlets()
                .SelectMany(c => c.Type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute"))
                .SelectMany(a => a.ConstructorArguments)
                .SelectMany(arg => arg.Value is IReadOnlyCollection<CustomAttributeTypedArgument> list ? list.Select(x => x.Value) : new[] { arg.Value })
                .OfType<Type>()
                .Where(t => t.Assembly == Core);
            return records.Concat(outputs).Distinct().OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        }

        private static bool OpenOutsideTheCore(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

        [Fact]
        public void No_record_has_a_property_or_method_that_changes_it_outside_the_core()
        {
            var types = RecordTypes();
            foreach (var expected in new[] { typeof(IpsecSa), typeof(IkeSa), typeof(VpnContext), typeof(Finding), typeof(DeviceAuditSummary), typeof(SaClearResult), typeof(SaTimelineEntry), typeof(ParseDiagnostic) })
                Assert.Contains(expected, types);
            Assert.True(types.Count >= 14, string.Join(", ", types.Select(t => t.Name)));

            // An init accessor that is internal counts as not public: PowerShell and C# outside the core cannot call it.
            var settable = types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { } set && OpenOutsideTheCore(set)).Select(p => $"{t.Name}.{p.Name}")).ToList();
            Assert.True(settable.Count == 0, "settable outside the core: " + string.Join(", ", settable));

            var changing = types.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => OpenOutsideTheCore(m) && !m.IsSpecialName && m.Name != nameof(ToString) && m.Name != nameof(DeviceAuditSummary.InventoryColumns))
                .Select(m => $"{t.Name}.{m.Name}")).ToList();
            Assert.True(changing.Count == 0, "methods open outside the core: " + string.Join(", ", changing));

            Assert.All(typeof(ICaptureRecord).GetProperties(), p => Assert.Null(p.SetMethod));
            // Still read as before: every property has a public getter (Export-Csv, ConvertTo-Json, remoting, the views).
            Assert.All(types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)), p => Assert.True(p.GetMethod?.IsPublic, p.Name));
        }

        [Fact]
        public void The_module_builds_and_writes_no_record_it_hands_its_inputs_to_the_core()
        {
            // The module sees the core's internals (for its Posh-SSH channel's errors), so the compiler does not hold this:
            // every call in the module's code is read, and none may construct a record, set a property of one or call a
            // method of one that is not public.
            var records = new HashSet<Type>(RecordTypes());
            var found = new List<string>();
            int calls = 0;
            foreach (var type in Module.GetTypes())
                foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
                    foreach (var target in CallsOf(method))
                    {
                        calls++;
                        if (target.DeclaringType == null || !records.Contains(target.DeclaringType)) continue;
                        bool writes = target is ConstructorInfo || target.Name.StartsWith("set_", StringComparison.Ordinal) || !target.IsPublic;
                        if (writes) found.Add($"{type.FullName}.{method.Name} calls {target.DeclaringType.Name}.{target.Name}");
                    }
            Assert.True(calls > 1000, $"only {calls} calls read: the IL reader missed the module's code");
            Assert.True(found.Count == 0, string.Join("\n", found));
        }

        private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

        /// <summary>The methods and constructors a method's IL calls, constructs or takes the address of.</summary>
        private static IEnumerable<MethodBase> CallsOf(MethodBase method)
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il == null) yield break;
            var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            int i = 0;
            while (i < il.Length)
            {
                var op = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
                i += op.Size;
                int operand = op.OperandType switch
                {
                    OperandType.InlineNone => 0,
                    OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                    OperandType.InlineVar => 2,
                    OperandType.InlineI8 or OperandType.InlineR => 8,
                    OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                    _ => 4,
                };
                if (op.OperandType == OperandType.InlineMethod)
                {
                    MethodBase? target = null;
                    try
                    {
                        target = method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                    }
                    catch (Exception ex) when (ex is ArgumentException || ex is TypeLoadException || ex is System.IO.FileNotFoundException || ex is BadImageFormatException || ex is MissingMethodException)
                    {
                        // A method of an assembly the test does not load (SSH libraries reached by reflection): not the core's.
                    }
                    if (target != null) yield return target;
                }
                i += operand;
            }
        }
    }
}
