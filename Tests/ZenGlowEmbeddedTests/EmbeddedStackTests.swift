import Configuration
import Foundation
import Testing
import ZenGlowEmbedded
import ZenGlowTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Each test runs its own stack in its own folder on free ports, as `zenglow dev` would.
@Suite("zenglow dev: the embedded stack", .serialized)
struct EmbeddedStackTests {
    private func withStack(_ body: (EmbeddedStack) throws -> Void) throws {
        let home = try TemporaryDirectory.make(prefix: "zenglow-dev")
        defer { try? FileManager.default.removeItem(atPath: home) }
        guard let postgresPort = PortProbe.freePort(), let redisPort = PortProbe.freePort() else {
            Issue.record("no free ports")
            return
        }
        let stack = try EmbeddedStack(
            configuration: EmbeddedConfiguration(home: home, postgresPort: postgresPort, redisPort: redisPort)
        )
        defer { _ = try? stack.down() }
        try body(stack)
    }

    @Test("up starts both servers, a second up is harmless, down stops them and leaves no process")
    func upTwiceThenDown() throws {
        try withStack { stack in
            let first = try stack.up()
            #expect(first.running)
            let postgres = try #require(first.postgres.pid.flatMap { ProcessTable.system.process($0) })
            let redis = try #require(first.redis.pid.flatMap { ProcessTable.system.process($0) })
            #expect(FileManager.default.fileExists(atPath: first.postgres.socketPath))

            let second = try stack.up()
            #expect(second == first)

            let stopped = try stack.down()
            #expect(stopped.stopped)
            // The rule `down` waited on, not a second reading of /proc that could disagree with it.
            #expect(!ProcessTable.system.isRunning(postgres))
            #expect(!ProcessTable.system.isRunning(redis))
            #expect(try stack.down().stopped)
        }
    }

    @Test("data survives a restart")
    func restartKeepsData() throws {
        try withStack { stack in
            let status = try stack.up()
            let psql = stack.configuration.postgresBinDirectory + "/psql"
            let arguments = [
                "-X", "-qAt", "-h", stack.postgres.socketDirectory, "-p", "\(status.postgres.port)",
                "-U", PostgresCluster.superuser, "-d", "postgres", "-c",
            ]
            try ShellCommand(psql, arguments + ["create table kept (v int); insert into kept values (7)"])
                .runChecked("create")
            _ = try stack.down()
            _ = try stack.up()
            let output = try ShellCommand(psql, arguments + ["select v from kept"]).runChecked("select").output
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "7")
        }
    }

    @Test("stale pid files, naming dead or unrelated processes, do not stop the stack from starting")
    func stalePidFiles() throws {
        try withStack { stack in
            _ = try stack.up()
            _ = try stack.down()
            // Our own pid is alive but is not a server: a reused pid must not be mistaken for one.
            let postgresPid = stack.configuration.home + "/postgres/data/postmaster.pid"
            try "\(getpid())\n/somewhere\n".write(toFile: postgresPid, atomically: true, encoding: .utf8)
            try "999999\n".write(
                toFile: stack.configuration.home + "/redis/redis.pid", atomically: true, encoding: .utf8)
            #expect(stack.status.stopped)

            let started = try stack.up()
            #expect(started.running)
        }
    }

    @Test("a port taken by another process gives an error naming that port, and nothing is started")
    func portInUse() throws {
        try withStack { stack in
            let blocker = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(blocker) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(stack.configuration.redisPort).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(blocker, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            try #require(bound == 0 && listen(blocker, 1) == 0)

            let error = #expect(throws: EmbeddedError.self) { try stack.up() }
            #expect(error?.code == .portInUse)
            #expect(error?.message.contains("port \(stack.configuration.redisPort) (Redis)") == true)
            #expect(stack.status.stopped)
        }
    }

    @Test("an invalid port in the environment is refused, naming the variable")
    func invalidPort() throws {
        let error = #expect(throws: EmbeddedError.self) {
            try EmbeddedConfiguration(
                reader: ConfigReader(
                    provider: EnvironmentVariablesProvider(environmentVariables: ["ZENGLOW_DEV_REDIS_PORT": "seventy"]))
            )
        }
        #expect(error?.message.contains("ZENGLOW_DEV_REDIS_PORT='seventy'") == true)
    }
}
