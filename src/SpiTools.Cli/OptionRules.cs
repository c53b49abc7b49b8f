using System;
using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using SpiTools.Services;

namespace SpiTools.Cli
{
    /// <summary>
    /// Rules an option holds its value to, checked with the rest of the command line before anything runs: the limits
    /// and patterns of <see cref="Services.Targets.OptionLimits"/>, the ones the cmdlets' validation attributes name.
    /// </summary>
    internal static class OptionRules
    {
        /// <summary>
        /// The option's value must lie from <paramref name="min"/> to <paramref name="max"/>; <paramref name="accepted"/>
        /// says so in the user's words ("a percentage from 0 to 100").
        /// </summary>
        public static TOption InRange<TOption>(this TOption option, double min, double max, string accepted) where TOption : Option
        {
            option.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                {
                    if (double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && (value < min || value > max))
                    {
                        result.AddError($"{token.Value} is out of range; {accepted}");
                        return;
                    }
                }
            });
            return option;
        }

        /// <summary>The option's value must match <paramref name="pattern"/>; <paramref name="accepted"/> says what it takes.</summary>
        public static TOption Matching<TOption>(this TOption option, string pattern, string accepted) where TOption : Option
        {
            var regex = new Regex(pattern, RegexOptions.CultureInvariant);
            option.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                {
                    if (!regex.IsMatch(token.Value))
                    {
                        result.AddError($"'{Devices.UntrustedText.Visible(token.Value)}' is not valid; {accepted}");
                        return;
                    }
                }
            });
            return option;
        }

        /// <summary>The option's value must be a part K/N with 1 &lt;= K &lt;= N (<see cref="AuditPartition.Parse"/>, as <c>-Partition</c>).</summary>
        public static TOption IsPartition<TOption>(this TOption option) where TOption : Option
        {
            option.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                {
                    try { AuditPartition.Parse(token.Value); }
                    catch (ArgumentException) { result.AddError($"'{token.Value}' is not a part; K/N with 1 <= K <= N, such as 1/2"); }
                }
            });
            return option;
        }
    }
}
