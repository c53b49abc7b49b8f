// The SSH tests run sshd and read /proc: Linux only, like the harness.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
