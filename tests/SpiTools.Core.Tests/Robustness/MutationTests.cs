using System.Diagnostics;
using SpiTools.Robustness;
using Xunit;
using Xunit.Abstractions;

namespace SpiTools.Core.Tests.Robustness
{
    public class MutationTests
    {
        private readonly ITestOutputHelper _output;

        public MutationTests(ITestOutputHelper output) => _output = output;

        /// <summary>
        /// 100,000 mutants of every shared capture per run (SPITOOLS_MUTATION_COUNT changes it; SPITOOLS_MUTATION_SEED
        /// replays a run). Invariants: no exception escapes, every line is accounted for, no parser fault, and the
        /// same input gives the same output.
        /// </summary>
        [Fact]
        public void Mutated_captures_never_crash_lose_lines_or_vary()
        {
            int seed = int.TryParse(Environment.GetEnvironmentVariable("SPITOOLS_MUTATION_SEED"), out var s) ? s : Environment.TickCount & 0x7fffffff;
            long count = long.TryParse(Environment.GetEnvironmentVariable("SPITOOLS_MUTATION_COUNT"), out var c) ? c : 100_000;
            var seeds = MutationRun.LoadSeeds(Captures.Root);
            Assert.True(seeds.Count > 50, $"only {seeds.Count} seed captures found");
            var sw = Stopwatch.StartNew();
            var result = MutationRun.Run(seeds, seed, count);
            sw.Stop();
            string summary = $"mutation run: seed {seed}, {result.Mutants} mutants of {seeds.Count} captures, {result.Bytes / 1e6:F1} MB, " +
                             $"{result.Records} records, {result.Diagnostics} diagnostics, {sw.Elapsed.TotalSeconds:F1} s; replay with SPITOOLS_MUTATION_SEED={seed}";
            _output.WriteLine(summary);
            Console.WriteLine(summary);
            Assert.True(result.Failures.Count == 0, summary + "\n" + string.Join("\n", result.Failures));
            Assert.Equal(count, result.Mutants);
        }

        [Fact]
        public void A_mutant_replays_from_its_seed_and_index()
        {
            var seeds = MutationRun.LoadSeeds(Captures.Root);
            var a = new Random(MutationRun.MutantSeed(42, 17));
            var b = new Random(MutationRun.MutantSeed(42, 17));
            var (x, xa) = Mutator.Mutate(seeds[a.Next(seeds.Count)].Bytes, a);
            var (y, ya) = Mutator.Mutate(seeds[b.Next(seeds.Count)].Bytes, b);
            Assert.Equal(xa, ya);
            Assert.Equal(x, y);
        }
    }
}
