using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// A real PowerShell 7.6 engine in process with the staged SpiTools module imported (the folder
    /// <c>dotnet publish src/SpiTools</c> produces, as users import it). Each instance is a runspace of its own.
    /// </summary>
    public sealed class PowerShellHost : IDisposable
    {
        private readonly Runspace _runspace;

        public PowerShellHost()
        {
            var iss = InitialSessionState.CreateDefault2();
            _runspace = RunspaceFactory.CreateRunspace(iss);
            _runspace.Open();
            Run($"Import-Module '{ModuleManifest}' -ErrorAction Stop; Set-Location '{RepositoryRoot}'").ThrowOnError();
        }

        /// <summary>The staged module folder.</summary>
        public static string ModuleFolder { get; } = Metadata("StagedModule");

        /// <summary>The staged module's manifest.</summary>
        public static string ModuleManifest => Path.Combine(ModuleFolder, "SpiTools.psd1");

        /// <summary>The repository root (examples, tests, docs).</summary>
        public static string RepositoryRoot { get; } = Path.GetFullPath(Metadata("RepositoryRoot"));

        /// <summary>A path under the repository root.</summary>
        public static string RepoPath(string relative) => Path.Combine(RepositoryRoot, relative);

        /// <summary>The seed incident's device folder.</summary>
        public static string SeedDevice => RepoPath("examples/asa-stale-spi/device");

        internal static string Metadata(string key) =>
            typeof(PowerShellHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

        /// <summary>Runs a script; named parameters become variables of the same name.</summary>
        public Result Run(string script, IDictionary<string, object?>? variables = null)
        {
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = _runspace;
            if (variables != null)
                foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
            ps.AddScript(script);
            Collection<PSObject> output;
            Exception? terminating = null;
            try
            {
                output = ps.Invoke();
            }
            catch (RuntimeException ex)
            {
                output = new Collection<PSObject>();
                terminating = ex;
            }
            return new Result(output, ps.Streams, terminating);
        }

        /// <summary>Runs a script and renders its output as a console of <paramref name="width"/> columns would show it.</summary>
        public string Render(string script, int width) =>
            string.Join("\n", Run($"{script} | Out-String -Width {width} -Stream").Output.Select(o => o.ToString().TrimEnd()));

        public void Dispose() => _runspace.Dispose();

        /// <summary>What a script gave: output and every stream.</summary>
        public sealed class Result
        {
            public Result(Collection<PSObject> output, PSDataStreams streams, Exception? terminating)
            {
                Output = output;
                Errors = streams.Error.ToList();
                Warnings = streams.Warning.Select(w => w.Message).ToList();
                Verbose = streams.Verbose.Select(v => v.Message).ToList();
                Debug = streams.Debug.Select(d => d.Message).ToList();
                Progress = streams.Progress.ToList();
                Terminating = terminating;
            }

            public Collection<PSObject> Output { get; }
            public List<ErrorRecord> Errors { get; }
            public List<string> Warnings { get; }
            public List<string> Verbose { get; }
            public List<string> Debug { get; }
            public List<ProgressRecord> Progress { get; }
            public Exception? Terminating { get; }

            /// <summary>The output's base objects of type <typeparamref name="T"/> (live objects only).</summary>
            public List<T> Of<T>() => Output.Select(o => o.BaseObject).OfType<T>().ToList();

            /// <summary>The output as strings.</summary>
            public List<string> Strings() => Output.Select(o => o?.ToString() ?? "").ToList();

            public Result ThrowOnError()
            {
                if (Terminating != null) throw new InvalidOperationException("script failed: " + Terminating.Message, Terminating);
                if (Errors.Count > 0) throw new InvalidOperationException("script wrote errors: " + string.Join("; ", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
                return this;
            }
        }
    }

    /// <summary>One engine per test class (a runspace takes a moment to open).</summary>
    public sealed class PowerShellFixture : IDisposable
    {
        public PowerShellHost Host { get; } = new PowerShellHost();

        public void Dispose() => Host.Dispose();
    }
}
