using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;
using SpiTools.Abstractions;

namespace SpiTools.Cli
{
    /// <summary>
    /// What is wrong with a command line, said in one line before anything runs:
    /// <c>spitools: &lt;option&gt;: &lt;what is wrong; the accepted values&gt; [InvalidArgument]</c> on standard error, nothing on
    /// standard output, exit code 3. An unknown option (a word starting with '-' that no option of the verb is, before
    /// <c>--</c>), a value the option does not accept, a number that is none or out of range, a missing value.
    /// </summary>
    internal static class ArgumentErrors
    {
        /// <summary>Writes the first error of <paramref name="result"/>; false when the command line is sound (or asks for help).</summary>
        public static bool Report(ParseResult result, TextWriter error)
        {
            // --help and --version answer whatever else the line holds.
            if (result.Action is { ClearsParseErrors: true }) return false;
            string? line = UnknownOption(result) ?? FirstError(result);
            if (line == null) return false;
            error.WriteLine(Line(line));
            return true;
        }

        /// <summary>The one-line form of an argument error (<c>spitools: … [InvalidArgument]</c>).</summary>
        public static string Line(string what) => $"spitools: {what} [{ErrorIds.InvalidArgument}]";

        /// <summary>Writes an argument error found by a verb itself (a value valid alone but not with the rest).</summary>
        public static int Write(string what)
        {
            Console.Error.WriteLine(Line(what));
            return ExitCodes.InvalidArgument;
        }

        private static string? UnknownOption(ParseResult result)
        {
            // Words taken as values by an option of one value (--title -x) are that option's; any other word starting
            // with '-' before "--" was meant as an option.
            var owned = new HashSet<Token>(ReferenceEqualityComparer.Instance);
            foreach (var child in Results(result.CommandResult).OfType<OptionResult>())
                if (child.Option.Arity.MaximumNumberOfValues == 1)
                    foreach (var t in child.Tokens) owned.Add(t);
            foreach (var token in result.Tokens)
            {
                if (token.Type == TokenType.DoubleDash) break;
                if (token.Type != TokenType.Argument || owned.Contains(token)) continue;
                string word = token.Value;
                if (word.Length < 2 || word[0] != '-' || double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) continue;
                var command = result.CommandResult.Command;
                var names = OptionNames(command);
                string name = word.Split('=')[0];
                string? near = names.Where(n => Distance(n, name) <= 2).OrderBy(n => Distance(n, name)).FirstOrDefault();
                string verb = command is RootCommand ? "spitools" : command.Name;
                return $"{name}: no such option of {verb}" + (near != null ? $" (did you mean {near}?)" : "") +
                       $"; the options of {verb}: {string.Join(", ", names)}";
            }
            return null;
        }

        private static string? FirstError(ParseResult result)
        {
            if (result.Errors.Count == 0) return null;
            foreach (var error in result.Errors)
            {
                if (error.SymbolResult is OptionResult option) return OptionError(option, error.Message);
            }
            var command = result.CommandResult.Command;
            if (result.CommandResult.Command is RootCommand)
            {
                string? word = result.UnmatchedTokens.FirstOrDefault();
                string commands = string.Join(", ", command.Subcommands.Select(c => c.Name));
                return word != null ? $"{word}: no such command; the commands: {commands}" : $"a command is needed; the commands: {commands}";
            }
            if (result.UnmatchedTokens.FirstOrDefault() is { } extra)
                return $"{extra}: {command.Name} takes no such argument (spitools {command.Name} --help)";
            return $"{command.Name}: {result.Errors[0].Message}";
        }

        private static string OptionError(OptionResult result, string message)
        {
            var option = result.Option;
            string name = result.IdentifierToken?.Value ?? option.Name;
            var accepted = Accepted(option);
            if (result.Tokens.Count == 0 && option.Arity.MinimumNumberOfValues > 0)
                return $"{name}: needs a value" + (accepted != null ? $"; one of {accepted}" : Hint(option));
            foreach (var token in result.Tokens)
            {
                string value = token.Value;
                if (accepted != null && !Among(option, value)) return $"{name}: '{value}' is not accepted; one of {accepted}";
                var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
                if (type == typeof(int) || type == typeof(int[]))
                {
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                        return $"{name}: '{value}' is not a whole number" + Hint(option);
                }
                else if (type == typeof(double) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    return $"{name}: '{value}' is not a number" + Hint(option);
                }
            }
            // A rule of the option's own (a range), already worded for the user; or the parser's arity message.
            return $"{name}: {message}";
        }

        private static string Hint(Option option) =>
            option.HasDefaultValue && option.GetDefaultValue() is IFormattable d ? $"; a number such as {d.ToString(null, CultureInfo.InvariantCulture)} (the default)" : "";

        /// <summary>The values an option accepts, when it names them (an enumeration, or a fixed list).</summary>
        private static string? Accepted(Option option)
        {
            var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            if (type == typeof(bool) || type == typeof(int) || type == typeof(double)) return null;
            var values = option.GetCompletions(CompletionContext.Empty).Select(c => type.IsEnum ? c.Label.ToLowerInvariant() : c.Label).ToList();
            return values.Count == 0 ? null : string.Join(", ", values);
        }

        private static bool Among(Option option, string value) =>
            option.GetCompletions(CompletionContext.Empty).Any(c => string.Equals(c.Label, value, StringComparison.OrdinalIgnoreCase));

        private static IEnumerable<SymbolResult> Results(CommandResult command)
        {
            for (CommandResult? c = command; c != null; c = c.Parent as CommandResult)
                foreach (var child in c.Children) yield return child;
        }

        private static List<string> OptionNames(Command command) =>
            command.Options.Where(o => !o.Hidden).Select(o => o.Name).ToList();

        /// <summary>Levenshtein distance, for "did you mean".</summary>
        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (int j = 0; j <= b.Length; j++) d[0, j] = j;
            for (int i = 1; i <= a.Length; i++)
                for (int j = 1; j <= b.Length; j++)
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            return d[a.Length, b.Length];
        }
    }
}
