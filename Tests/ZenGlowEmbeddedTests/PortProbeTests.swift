import Testing
import ZenGlowEmbedded

#if canImport(Glibc)
    import Glibc
#endif

@Suite("PortProbe")
struct PortProbeTests {
    /// A socket on 127.0.0.1:`port` (0: any), listening; its descriptor and port.
    static func listener(port: Int = 0) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var reuse: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(bound == 0 && listen(fd, 4) == 0)
        var assigned = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &assigned) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: assigned.sin_port)))
    }

    static func connect(to port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return fd
    }

    @Test("a port with a listener is taken; once the server closed, its TIME_WAIT connections leave it free")
    func timeWaitIsFree() throws {
        let server = try Self.listener()
        #expect(!PortProbe.isFree(server.port), "a listening socket holds the port")
        let client = Self.connect(to: server.port)
        let accepted = accept(server.fd, nil, nil)
        try #require(client >= 0 && accepted >= 0)
        // The server side closes first, so its end of the connection lingers in TIME_WAIT on the
        // port — what a stopped Redis or PostgreSQL leaves behind.
        close(accepted)
        close(server.fd)
        close(client)
        #expect(PortProbe.isFree(server.port), "a stopped server's port can be used again at once")
        let again = try Self.listener(port: server.port)
        close(again.fd)
    }
}
