import AsyncHTTPClient
import Foundation
import PostgresNIO
import Testing
import ZenGlowEmbedded
import ZenGlowTestSupport

#if canImport(Glibc)
    import Glibc
#endif

@Suite("zenglow maintain run")
struct MaintainRunTests {
    static func metrics(port: Int) async -> String? {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics")
        guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)),
            response.status == .ok, let body = try? await response.body.collect(upTo: 1 << 20)
        else { return nil }
        return String(buffer: body)
    }

    /// The value of the series `series` (name and labels as exposed) in `text`.
    static func value(_ series: String, in text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }
            .flatMap { $0.split(separator: " ").last.flatMap { Double($0) } }
    }

    /// The pid of the `zenglow maintain run` whose DATABASE_URL names `database` (RunningCommand
    /// keeps its own): to signal it without waiting for it to exit.
    static func maintainerPID(database: String) -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry),
                let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                String(decoding: command, as: UTF8.self).contains("maintain\u{0}run\u{0}"),
                let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ"),
                String(decoding: environment, as: UTF8.self).contains("/\(database)\u{0}")
            else { continue }
            return pid
        }
        return nil
    }

    @Test(
        "--every 1s runs again and again as scheduler service, serves its metrics, and on SIGTERM finishes the run in progress, then exits 0"
    )
    func runs() async throws {
        let cli = try await CLITestDatabase.make()
        _ = try await cli.value(
            "insert into zenglow.backup_runs (started_at, finished_at, outcome) values ('2026-01-02 03:04:00+00', '2026-01-02 03:04:05+00', 'success') returning 'ok'"
        )
        var environment = cli.environment
        environment["LOG_LEVEL"] = "info"
        var maintainer: RunningCommand?
        var port = 0
        // A free port can be taken by another server of the test run before the maintainer
        // binds it; it then refuses to start, naming the port, and is started on another.
        for _ in 1...5 where maintainer == nil {
            port = try #require(PortProbe.freePort())
            environment["MAINTAIN_METRICS_PORT"] = "\(port)"
            let started = try ZenGlowExecutable.start(["maintain", "run", "--every", "1s"], environment: environment)
            if await eventually(within: .seconds(30), { await Self.metrics(port: port) != nil }) {
                maintainer = started
            } else {
                let outcome = await started.terminate()
                guard outcome.standardError.contains("cannot serve metrics on 127.0.0.1:\(port)") else {
                    Issue.record("the maintainer did not serve its metrics: \(outcome.standardError)")
                    return
                }
            }
        }
        let running = try #require(maintainer)
        let count = "select count(*)::text from zenglow.maintenance_runs where scheduler = 'service'"
        let ranTwice = try await eventually(within: .seconds(60)) { Int(try await cli.value(count) ?? "0") ?? 0 >= 2 }
        var text = ""
        let served = await eventually(within: .seconds(30)) {
            text = await Self.metrics(port: port) ?? ""
            return (Self.value(#"zenglow_maintenance_runs_total{outcome="success"}"#, in: text) ?? 0) >= 2
        }

        // A run held up by a lock on the settings is in progress when SIGTERM comes.
        let held = try await cli.database.databaseURL.withConnection(
            applicationName: "test-holder", logger: CLITestDatabase.logger
        ) {
            holder in
            _ = try await holder.query("begin", logger: CLITestDatabase.logger).collect()
            _ = try await holder.query(
                "lock table zenglow.maintenance_settings in access exclusive mode", logger: CLITestDatabase.logger
            ).collect()
            // The lock may catch the run itself (run_maintenance reads the settings) or, under
            // load, the partitions-ahead read that follows a run already recorded.
            var waitingQuery: String?
            let waiting = try await eventually(within: .seconds(30)) {
                waitingQuery = try await cli.value(
                    "select query from pg_stat_activity where application_name = 'zenglow-maintain' and wait_event_type = 'Lock' and datname = current_database()"
                )
                return waitingQuery != nil
            }
            let inRun = waitingQuery?.contains("run_maintenance") == true
            let before = (Int(try await cli.value(count) ?? "0") ?? 0) + (inRun ? 1 : 0)
            if let pid = Self.maintainerPID(database: cli.database.name) { Glibc.kill(pid, SIGTERM) }
            _ = try await holder.query("rollback", logger: CLITestDatabase.logger).collect()
            return (waiting, before)
        }
        let stopped = await running.waitForExit()
        #expect(ranTwice, "\(stopped.standardError)")
        #expect(served, "\(text)")
        #expect(Self.value(#"zenglow_maintenance_partitions_ahead{table="chunks"}"#, in: text) == 3, "\(text)")
        #expect(Self.value("zenglow_maintenance_partitions_created_total", in: text) ?? 0 >= 4, "\(text)")
        #expect(Self.value("zenglow_backup_last_success_timestamp_seconds", in: text) == 1_767_323_045, "\(text)")
        #expect((Self.value("zenglow_maintenance_last_success_timestamp_seconds", in: text) ?? 0) > 1_767_323_045)
        #expect(text.contains("zenglow_maintenance_run_duration_seconds_count "))
        #expect(held.0, "the run waited for the lock")
        #expect(stopped.status == 0, "SIGTERM is a clean stop: \(stopped.standardError)")
        #expect(
            Int(try await cli.value(count) ?? "0") == held.1,
            "the run in progress at SIGTERM finished and was recorded, and no other started")
        let lines = stopped.standardOutput.split(separator: "\n")
        #expect(lines.count == held.1, "one line per run, the one in progress included: \(stopped.standardOutput)")
        #expect(lines.allSatisfy { $0.hasPrefix("maintenance success in ") && $0.contains(", service): partitions ") })
        #expect(stopped.standardError.contains(#""msg":"maintenance run""#), "JSON logs: \(stopped.standardError)")
    }

    @Test("--every 0s, a negative or an unreadable interval is refused before anything runs")
    func badIntervals() async throws {
        let cli = try await CLITestDatabase.make()
        for every in ["0s", "-5s", "often"] {
            let outcome = try await cli.run("maintain", "run", "--every", every)
            #expect(outcome.status == 64, "\(every): \(outcome.standardError)")
            #expect(outcome.standardError.hasPrefix("Error: --every: "), "\(outcome.standardError)")
        }
        #expect(try await cli.value("select count(*)::text from zenglow.maintenance_runs") == "0")
    }
}
