import Foundation
import Testing
import ZenGlowStats

@Suite("stats rendering")
struct StatsRenderingTests {
    @Test("a sparkline draws the minimum as ▁, the maximum as █, empty buckets blank")
    func sparkline() {
        #expect(Sparkline.render([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.render([10, nil, 80, 45]) == "▁ █▅")
        #expect(Sparkline.render([0, 100]) == "▁█")
        #expect(Sparkline.render([nil, nil]) == "  ")
        #expect(Sparkline.render([]) == "")
    }

    @Test("a flat series is a flat line at the bottom")
    func flat() {
        #expect(Sparkline.render([3, 3, nil, 3]) == "▁▁ ▁")
        #expect(Sparkline.render([42]) == "▁")
    }

    @Test("a series longer than its column is averaged into it, keeping its shape")
    func fitted() {
        let values: [Double?] = (0..<48).map { Double($0 < 24 ? 1 : 9) }
        let line = Sparkline.render(values, width: 8)
        #expect(line == "▁▁▁▁████")
        #expect(Sparkline.render([nil, nil, 5, 5], width: 2) == " ▁")
    }

    @Test("ms: one decimal under 100, whole above; ratios as percentages")
    func numbers() {
        #expect(StatsNumber.milliseconds(12.34) == "12.3")
        #expect(StatsNumber.milliseconds(99.94) == "99.9")
        #expect(StatsNumber.milliseconds(1234.4) == "1234")
        #expect(StatsNumber.milliseconds(nil) == "-")
        #expect(StatsNumber.percent(0.025) == "2.5%")
        #expect(StatsNumber.percent(nil) == "-")
        #expect(StatsNumber.ratio(1, 0) == nil)
    }

    @Test("CSV quotes fields with commas, quotes and line breaks, doubling quotes")
    func csv() {
        #expect(
            CSVText.record(["plain", "a,b", "say \"hi\"", "two\nlines", ""]) == #"plain,"a,b","say ""hi""","two"#
                + "\nlines\",")
    }

    @Test("a table with long tenant names fits 80 columns, names cut with …")
    func width() {
        let long = "tenant-with-a-remarkably-long-name-that-goes-on-and-on-and-on-forever"
        let series: [Double?] = (0..<25).map { $0 % 3 == 0 ? nil : Double($0) }
        let table = TextTable(
            columns: [
                .init("tenant", .left, truncatable: true), .init("requests"), .init("p50 ms"), .init("p95 ms"),
                .init("p99 ms"), .init("p95 per 1h", .left),
            ],
            rows: [
                [.text(long), .text("123456"), .text("12.3"), .text("45.6"), .text("1234"), .sparkline(series)],
                [.text("acme"), .text("7"), .text("1.0"), .text("2.0"), .text("3.0"), .sparkline(series)],
            ])
        let lines = table.render().split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.map(\.count))")
        #expect(lines[1].hasPrefix("tenant-with-a-rema… "))
        #expect(lines[2].hasPrefix("acme "))
        // The sparkline keeps all 25 buckets while the name can give way.
        #expect(lines[1].filter { "▁▂▃▄▅▆▇█".contains($0) }.count == 16)
    }

    @Test("many buckets narrow the sparkline instead of widening the line")
    func manyBuckets() {
        let series: [Double?] = (0..<169).map { Double($0) }
        let table = TextTable(
            columns: [.init("group", .left, truncatable: true), .init("requests"), .init("p95 per 1h", .left)],
            rows: [[.text("all"), .text("1"), .sparkline(series)]])
        let lines = table.render().split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines[1].hasSuffix("█"))
    }

    @Test("a latency report: header, a row per group, series rows as JSON and CSV")
    func latencyReport() throws {
        let request = try StatsRequest(screen: "latency", since: "3h", by: "tenant", bucket: "1h")
        let now = Date(timeIntervalSince1970: 1_764_600_000)  // 2025-12-01 14:40 UTC
        let range = StatsRange(now: now, since: request.since, bucket: .hour)
        #expect(
            range.buckets.map(StatsRange.text) == [
                "2025-12-01T11:00:00Z", "2025-12-01T12:00:00Z", "2025-12-01T13:00:00Z", "2025-12-01T14:00:00Z",
            ])
        let hour = range.buckets
        let points = [
            SeriesPoint(
                bucket: nil, group: "acme", values: StatsReport.Latency(requests: 3, p50: 10, p95: 150, p99: nil)),
            SeriesPoint(
                bucket: hour[0], group: "acme", values: StatsReport.Latency(requests: 1, p50: 10, p95: 10, p99: 10)),
            SeriesPoint(
                bucket: hour[2], group: "acme", values: StatsReport.Latency(requests: 2, p50: 150, p95: 150, p99: 150)),
        ]
        let report = StatsReport.latency(points, request: request, range: range)
        let table = try report.render(.table)
        #expect(
            table == """
                latency per tenant, last 3h by 1h buckets (1h rollups + real-time)

                tenant  answers  p50 ms  p95 ms  p99 ms  p95 per 1h
                acme          3    10.0     150       -  ▁ █
                """)
        let csv = try report.render(.csv)
        #expect(
            csv == """
                bucket,group,answers,p50_ms,p95_ms,p99_ms
                2025-12-01T11:00:00Z,acme,1,10.0,10.0,10.0
                2025-12-01T13:00:00Z,acme,2,150.0,150.0,150.0
                """)
        let json = try JSONSerialization.jsonObject(with: Data(try report.render(.json).utf8)) as? [[String: Any]]
        #expect(json?.count == 2)
        #expect(json?.first?["bucket"] as? String == "2025-12-01T11:00:00Z")
        #expect(json?.last?["p95_ms"] as? Double == 150)
    }

    @Test("no data is one line naming the range")
    func empty() throws {
        let request = try StatsRequest(screen: "errors", since: "7d", by: nil, bucket: nil)
        let range = StatsRange(now: Date(), since: request.since, bucket: .hour)
        let report = StatsReport.errors([], request: request, range: range)
        #expect(try report.render(.table) == "no queries recorded in the last 7d")
        #expect(try report.render(.json) == "[\n\n]" || (try report.render(.json)) == "[]")
        #expect(
            try report.render(.csv)
                == "bucket,group,requests,errors_client,errors_throttled,errors_server,degraded,error_rate")
    }
}
