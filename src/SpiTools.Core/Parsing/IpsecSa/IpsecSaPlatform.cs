namespace SpiTools.Parsing
{
    /// <summary>The dialect of <c>show crypto ipsec sa</c>, told by fields only one of them prints.</summary>
    internal enum IpsecSaPlatform
    {
        /// <summary>ASA and FTD.</summary>
        Asa,

        /// <summary>IOS and IOS-XE.</summary>
        Ios,
    }
}
