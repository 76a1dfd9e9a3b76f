import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import ZenGlowEmbedded
import ZenGlowTestSupport

/// deploy/prometheus and deploy/grafana against the real thing: a Prometheus server on the
/// project's prometheus.yml and rules, scraping a running `zenglow serve`, `zenglow spool run` and
/// `zenglow maintain run`.
@Suite("Prometheus scrapes ZenGlow")
struct PrometheusScrapeTests {
    /// The running processes of one test.
    struct Stack {
        let api: LoopbackServer
        let spool: LoopbackServer
        let maintainer: LoopbackServer
        let key: String

        func stop() async -> [String] {
            [await api.stop().standardError, await spool.stop().standardError, await maintainer.stop().standardError]
        }
    }

    /// Starts `zenglow serve`, `zenglow spool run` and `zenglow maintain run --every 1s` on a fresh
    /// migrated database, loads a batch and asks the same query twice (a cache miss, then a hit)
    /// through the API, drops a file the worker must refuse (a rejection, a file in failed/) into
    /// the spool, and waits for the maintainer's first run.
    /// Runs `body` on a started stack and stops the stack's processes however `body` ends (they
    /// have no watchdog of their own).
    static func withStack<Result: Sendable>(_ body: (Stack) async throws -> Result) async throws -> Result {
        let stack = try await startStack()
        do {
            let result = try await body(stack)
            _ = await stack.stop()
            return result
        } catch {
            _ = await stack.stop()
            throw error
        }
    }

    static func startStack() async throws -> Stack {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let folder = try TemporaryDirectory.make(prefix: "zenglow-monitoring")
        try "".write(toFile: folder + "/empty.env", atomically: true, encoding: .utf8)
        let model = TestModel.directory.url.path
        let api = try await LoopbackServer.start(
            ["serve", "--env-file", folder + "/empty.env"],
            environment: environment.environment(["EMBED_MODEL_DIR": model, "LOG_LEVEL": "warning"]),
            portVariable: "HTTP_PORT", readyPath: "/health/ready")
        let loaded = try await post(api.url + "/ingest/batches", key: key, body: demoBatch(tag: "monitoring"))
        #expect(loaded.status == 201 || loaded.status == 200, "ingest: \(loaded.body)")
        for _ in 1...2 {
            let answer = try await post(
                api.url + "/rag/query", key: key, body: ["query": "insulin glucose", "top_k": 3])
            #expect(answer.status == 200, "rag/query: \(answer.body)")
        }

        let spoolEnvironment = [
            "DATABASE_URL": environment.environment()["DATABASE_URL"] ?? "", "SPOOL_DIR": folder + "/spool",
            "EMBED_MODEL_DIR": model, "SPOOL_MAX_WAIT": "0", "LOG_LEVEL": "warning",
        ]
        let initialised = try await ZenGlowExecutable.run(["spool", "init"], environment: spoolEnvironment)
        #expect(initialised.status == 0, "\(initialised.standardError)")
        try Data("not msgpack at all".utf8).write(to: URL(fileURLWithPath: folder + "/spool/incoming/broken.msgpack"))
        let spool: LoopbackServer
        let maintainer: LoopbackServer
        do {
            spool = try await LoopbackServer.start(
                ["spool", "run"], environment: spoolEnvironment, portVariable: "SPOOL_METRICS_PORT",
                readyPath: "/metrics")
        } catch {
            await api.stop()
            throw error
        }
        do {
            maintainer = try await LoopbackServer.start(
                ["maintain", "run", "--every", "1s"],
                environment: ["DATABASE_URL": spoolEnvironment["DATABASE_URL"] ?? "", "LOG_LEVEL": "warning"],
                portVariable: "MAINTAIN_METRICS_PORT", readyPath: "/metrics")
        } catch {
            await api.stop()
            await spool.stop()
            throw error
        }
        let maintained = await eventually(within: .seconds(120), every: .milliseconds(200)) {
            (try? await maintainer.metricNames().contains("zenglow_maintenance_partitions_ahead")) == true
        }
        #expect(maintained, "the maintainer ran: \(maintainer.process.standardErrorSoFar)")
        let refused = await eventually(within: .seconds(120), every: .milliseconds(200)) {
            (try? await spool.metricNames().contains("zenglow_ingest_rejected_total")) == true
        }
        #expect(refused, "the worker refused broken.msgpack: \(spool.process.standardErrorSoFar)")
        return Stack(api: api, spool: spool, maintainer: maintainer, key: key)
    }

    static func post(_ url: String, key: String, body: [String: Any]) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 22)))
    }

    /// The scrape configuration of deploy/prometheus/prometheus.yml pointed at `stack`.
    static func prometheus(scraping stack: Stack?) throws -> TestPrometheus {
        let closed = "127.0.0.1:\(PortProbe.freePort() ?? 1)"
        return try TestPrometheus(
            configuration: TestPrometheus.projectConfiguration(targets: [
                "127.0.0.1:8080": stack.map { "127.0.0.1:\($0.api.port)" } ?? closed,
                "127.0.0.1:9465": stack.map { "127.0.0.1:\($0.spool.port)" } ?? closed,
                "127.0.0.1:9466": stack.map { "127.0.0.1:\($0.maintainer.port)" } ?? closed,
            ]))
    }

    @Test(
        "Prometheus on the project's config scrapes zenglow serve, spool run and maintain run: ZenGlow's series arrive, every rule evaluates without error, a recording rule has a sample"
    )
    func seriesArriveAndRulesEvaluate() async throws {
        try await Self.withStack { stack in try await Self.seriesArriveAndRulesEvaluate(stack) }
    }

    static func seriesArriveAndRulesEvaluate(_ stack: Stack) async throws {
        let server = try Self.prometheus(scraping: stack)
        do {
            try await seriesArriveAndRulesEvaluate(stack, server)
            _ = await server.stop()
        } catch {
            _ = await server.stop()
            throw error
        }
    }

    static func seriesArriveAndRulesEvaluate(_ stack: Stack, _ server: TestPrometheus) async throws {
        let api = PrometheusAPI(url: server.url)
        let ready = await eventually(within: .seconds(60), every: .milliseconds(200)) { await api.ready() }
        #expect(ready, "Prometheus did not get ready: \(server.log)")

        func holds(_ expression: String) async -> Bool {
            await eventually(within: .seconds(120), every: .milliseconds(500)) {
                (try? await api.query(expression).isEmpty == false) == true
            }
        }
        #expect(await holds(#"up{job="zenglow-api"} == 1"#), "the API target is up")
        #expect(await holds(#"up{job="zenglow-spool"} == 1"#), "the spool worker target is up")
        #expect(await holds(#"zenglow_http_requests_total{job="zenglow-api", route="/rag/query", status="200"} >= 2"#))
        #expect(await holds(#"zenglow_spool_files{job="zenglow-spool", state="failed"} == 1"#))
        #expect(await holds(#"up{job="zenglow-maintainer"} == 1"#), "the maintainer target is up")
        #expect(
            await holds(#"zenglow_maintenance_partitions_ahead{job="zenglow-maintainer", table="chunks"} >= 1"#)
        )
        #expect(
            await holds(#"time() - zenglow_maintenance_last_success_timestamp_seconds{job="zenglow-maintainer"} < 600"#)
        )
        // A recording rule of deploy/prometheus/rules over queries asked while Prometheus scrapes (a
        // counter that stood still since the first scrape has a rate of 0).
        let recorded = await eventually(within: .seconds(120), every: .milliseconds(500)) {
            _ = try? await Self.post(
                stack.api.url + "/rag/query", key: stack.key, body: ["query": "insulin glucose", "top_k": 3])
            return (try? await api.query(#"zenglow:rag_query_requests:rate5m{job="zenglow-api"} > 0"#).isEmpty == false)
                == true
        }
        #expect(recorded, "zenglow:rag_query_requests:rate5m has a sample above 0")
        #expect(await holds(#"zenglow:db_pool_connections:utilization{job="zenglow-api"} >= 0"#))

        let evaluated = await eventually(within: .seconds(60), every: .milliseconds(500)) {
            let rules = (try? await api.rules()) ?? []
            return !rules.isEmpty && rules.allSatisfy { $0.health != "unknown" }
        }
        #expect(evaluated, "every rule was evaluated")
        for rule in try await api.rules() where rule.health != "ok" {
            Issue.record("rule \(rule.name) evaluates with an error: \(rule.lastError ?? rule.health)")
        }
    }

    @Test(
        "every metric the rules and dashboards name is one zenglow serve, spool run or maintain run exposes (or a recording rule defines)"
    )
    func metricNamesAreExposed() async throws {
        let exposed = try await Self.withStack { stack in
            try await stack.api.metricNames().union(try await stack.spool.metricNames())
                .union(try await stack.maintainer.metricNames())
        }
        // The rules as Prometheus' own parser read them (no targets: nothing to scrape).
        let server = try Self.prometheus(scraping: nil)
        let api = PrometheusAPI(url: server.url)
        let ready = await eventually(within: .seconds(60), every: .milliseconds(200)) { await api.ready() }
        #expect(ready, "Prometheus did not get ready: \(server.log)")
        let rules = try await api.rules()
        await server.stop()
        #expect(rules.count > 0)

        let recorded = Set(rules.filter { $0.type == "recording" }.map(\.name))
        // Prometheus' own series for every target.
        let synthetic: Set<String> = ["up"]
        var uses = rules.map { (place: "rule \($0.name)", expression: $0.query) }
        uses += try DashboardFile.all().flatMap { $0.promQL.map { (place: $0.place, expression: $0.text) } }
        var unknown: [String] = []
        for use in uses {
            for name in PromQLNames.metricNames(in: use.expression).sorted()
            where !exposed.contains(name) && !recorded.contains(name) && !synthetic.contains(name) {
                unknown.append("\(name) (\(use.place))")
            }
        }
        #expect(unknown.isEmpty, "named but neither exposed nor recorded: \(unknown.joined(separator: "; "))")
        #expect(uses.count > 40, "the rules and dashboards were read: \(uses.count) expressions")
    }

    @Test("every alert has a severity, a summary, a description and a runbook under docs/runbooks that names it")
    func alertsAreDocumented() async throws {
        let server = try Self.prometheus(scraping: nil)
        let api = PrometheusAPI(url: server.url)
        let ready = await eventually(within: .seconds(60), every: .milliseconds(200)) { await api.ready() }
        #expect(ready, "Prometheus did not get ready: \(server.log)")
        let alerts = try await api.rules().filter { $0.type == "alerting" }
        await server.stop()
        #expect(alerts.count >= 17)
        for alert in alerts {
            #expect(["critical", "warning"].contains(alert.labels?["severity"] ?? ""), "\(alert.name): severity")
            #expect(alert.annotations?["summary"]?.isEmpty == false, "\(alert.name): summary")
            #expect(alert.annotations?["description"]?.isEmpty == false, "\(alert.name): description")
            let runbook = alert.annotations?["runbook_url"] ?? ""
            #expect(
                runbook.hasPrefix("docs/runbooks/") && runbook.hasSuffix(".md"),
                "\(alert.name): runbook_url \(runbook)")
            let page = try? String(contentsOfFile: TestServers.repositoryRoot + "/" + runbook, encoding: .utf8)
            #expect(page?.contains(alert.name) == true, "\(alert.name): \(runbook) exists and names the alert")
        }
    }
}
