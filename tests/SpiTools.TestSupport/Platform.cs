// sshd, useradd and Unix file modes: this harness runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
