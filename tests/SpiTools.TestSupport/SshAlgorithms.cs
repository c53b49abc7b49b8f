namespace SpiTools.TestSupport;

/// <summary>
/// Algorithm lists for sshd (<c>KexAlgorithms</c>, <c>HostKeyAlgorithms</c>, <c>Ciphers</c>, <c>MACs</c>);
/// a null list keeps OpenSSH's default.
/// </summary>
public sealed record SshAlgorithms(string? Kex = null, string? HostKey = null, string? Ciphers = null, string? Macs = null)
{
    /// <summary>What an old ASA offers: <c>diffie-hellman-group14-sha1</c>, an <c>ssh-rsa</c> host key, <c>aes128-cbc</c>, <c>hmac-sha1</c>.</summary>
    public static SshAlgorithms OldAsa { get; } = new("diffie-hellman-group14-sha1", "ssh-rsa", "aes128-cbc", "hmac-sha1");

    /// <summary>Only a MAC SSH.NET does not implement (UMAC), with a non-AEAD cipher so the MAC is really negotiated.</summary>
    public static SshAlgorithms UnsupportedByClient { get; } = new(Ciphers: "aes128-ctr", Macs: "umac-64@openssh.com,umac-128@openssh.com");
}
