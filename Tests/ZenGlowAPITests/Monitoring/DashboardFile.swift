import Foundation
import ZenGlowTestSupport

/// One Grafana dashboard of deploy/grafana/dashboards, with the queries its panels and variables run.
struct DashboardFile {
    /// A query and where it is: `file: panel title`.
    struct Query {
        let place: String
        let text: String
    }

    static let folder = TestServers.repositoryRoot + "/deploy/grafana/dashboards"
    static let prometheusUID = "zenglow-prometheus"
    static let postgresUID = "zenglow-postgres"

    let name: String
    /// Every `expr` of a panel target (Prometheus).
    var promQL: [Query] = []
    /// Every `rawSql` of a panel target and every query variable of the PostgreSQL data source.
    var sql: [Query] = []

    /// All dashboards of the folder.
    static func all() throws -> [DashboardFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
            .sorted()
        return try names.map { try DashboardFile(name: $0) }
    }

    init(name: String) throws {
        self.name = name
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name))
        guard let dashboard = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TestSupportError("\(name) is not a JSON object")
        }
        func visit(_ panels: [[String: Any]]) {
            for panel in panels {
                let place = "\(name): \(panel["title"] as? String ?? "untitled")"
                for target in panel["targets"] as? [[String: Any]] ?? [] {
                    if let expr = target["expr"] as? String { promQL.append(Query(place: place, text: expr)) }
                    if let raw = target["rawSql"] as? String { sql.append(Query(place: place, text: raw)) }
                }
                visit(panel["panels"] as? [[String: Any]] ?? [])
            }
        }
        visit(dashboard["panels"] as? [[String: Any]] ?? [])
        let variables = (dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
        for variable in variables
        where (variable["datasource"] as? [String: Any])?["uid"] as? String == Self.postgresUID {
            if let query = variable["query"] as? String {
                sql.append(Query(place: "\(name): variable \(variable["name"] as? String ?? "?")", text: query))
            }
        }
    }
}
