#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// Lets netstandard2.0 code declare init-only properties (<c>{ get; init; }</c>): the compiler marks their setters
    /// with this type, which .NET 5 and later define and netstandard2.0 does not.
    /// </summary>
    internal static class IsExternalInit
    {
    }
}
#endif
