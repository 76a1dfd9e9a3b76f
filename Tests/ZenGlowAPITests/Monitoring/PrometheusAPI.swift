import AsyncHTTPClient
import Foundation
import NIOCore

/// The parts of Prometheus' HTTP API (/api/v1) the monitoring tests read.
struct PrometheusAPI {
    let url: String

    /// One rule as Prometheus loaded it: its own parser's view of the rule files.
    struct Rule: Decodable {
        let name: String
        let query: String
        let type: String
        let health: String
        let lastError: String?
        let labels: [String: String]?
        let annotations: [String: String]?
        let lastEvaluation: String?
    }

    /// One sample of an instant query.
    struct Sample {
        let labels: [String: String]
        let value: Double
    }

    /// The samples of an instant query at the current time.
    func query(_ expression: String) async throws -> [Sample] {
        struct Answer: Decodable {
            struct Data: Decodable {
                struct Result: Decodable {
                    let metric: [String: String]
                    let value: [StringOrNumber]
                }
                let result: [Result]
            }
            let status: String
            let data: Data?
            let error: String?
        }
        var components = URLComponents(string: url + "/api/v1/query")!
        components.queryItems = [URLQueryItem(name: "query", value: expression)]
        let answer = try JSONDecoder().decode(Answer.self, from: try await Self.get(components.url!.absoluteString))
        guard answer.status == "success", let data = answer.data else {
            throw PrometheusAPIError(description: "query \(expression): \(answer.error ?? "no data")")
        }
        return data.result.map { Sample(labels: $0.metric, value: Double($0.value.last?.text ?? "") ?? .nan) }
    }

    /// Every rule of every group Prometheus loaded.
    func rules() async throws -> [Rule] {
        struct Answer: Decodable {
            struct Data: Decodable {
                struct Group: Decodable { let rules: [Rule] }
                let groups: [Group]
            }
            let data: Data
        }
        return try JSONDecoder().decode(Answer.self, from: try await Self.get(url + "/api/v1/rules")).data.groups
            .flatMap(\.rules)
    }

    /// Whether `GET /-/ready` answers 200.
    func ready() async -> Bool {
        let request = HTTPClientRequest(url: url + "/-/ready")
        return (try? await HTTPClient.shared.execute(request, timeout: .seconds(2)))?.status == .ok
    }

    /// The body of `GET url` when it answers 200.
    static func get(_ url: String) async throws -> Data {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 << 20)
        guard response.status == .ok else {
            throw PrometheusAPIError(description: "GET \(url): \(response.status) \(String(buffer: body))")
        }
        return Data(buffer: body)
    }
}

struct PrometheusAPIError: Error, CustomStringConvertible {
    let description: String
}

/// A JSON value that is a string or a number (Prometheus' `[timestamp, "value"]` pairs).
struct StringOrNumber: Decodable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string
        } else {
            text = String(try container.decode(Double.self))
        }
    }
}
