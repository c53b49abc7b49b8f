using System.CommandLine;
using System.Globalization;

namespace SpiTools.Cli
{
    /// <summary>Rules a number option holds its value to, checked with the rest of the command line before anything runs.</summary>
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
    }
}
