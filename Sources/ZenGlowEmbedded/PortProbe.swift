#if canImport(Glibc)
    import Glibc
#endif

/// Asks the kernel about TCP ports on the loopback interface.
public enum PortProbe {
    /// True when nothing listens on `port` at 127.0.0.1, judged by trying to bind it with
    /// `SO_REUSEADDR`, as PostgreSQL and Redis bind: connections of a server that just stopped,
    /// lingering in TIME_WAIT for a minute, do not make its port look taken (`zenglow dev down`
    /// then `up` at once), while a socket listening there still does.
    public static func isFree(_ port: Int) -> Bool {
        bind(port: port, reuseAddress: true) != nil
    }

    /// A port free right now, for a server started a moment later. Chosen below the kernel's
    /// ephemeral range (32768 up): a port the kernel hands out for port 0 comes from that range,
    /// where every outgoing connection of a busy test run also takes its local port, and one of
    /// them can take it before the server binds. Checked without `SO_REUSEADDR`: with it a port
    /// still in TIME_WAIT would look free to a server that binds without it.
    public static func freePort() -> Int? {
        for _ in 0..<64 {
            if let port = bind(port: Int.random(in: 20_000..<32_000), reuseAddress: false) { return port }
        }
        return bind(port: 0, reuseAddress: false)
    }

    private static func bind(port: Int, reuseAddress: Bool) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if reuseAddress {
            var reuse: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { return nil }
        var assigned = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &assigned) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: assigned.sin_port))
    }
}
