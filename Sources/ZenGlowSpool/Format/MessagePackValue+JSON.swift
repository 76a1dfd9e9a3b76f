import Foundation
import ZenGlowIngest

extension MessagePackValue {
    /// Parses JSON text into MessagePack: what `spool put` and `spool append` do with JSON input.
    /// Integers stay integers; other numbers become doubles.
    static func parseJSON(_ data: Data) throws(SpoolFailure) -> MessagePackValue {
        do {
            return try JSONDecoder().decode(JSONInput.self, from: data).value
        } catch let error as DecodingError {
            switch error {
            case .dataCorrupted(let context):
                let cause = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
                throw SpoolFailure(.invalidValue, "not valid JSON: \(cause ?? context.debugDescription)")
            default:
                throw SpoolFailure(.invalidValue, "not valid JSON: \(error)")
            }
        } catch {
            throw SpoolFailure(.invalidValue, "not valid JSON: \(error)")
        }
    }

    /// Sets `tenant` on a batch map that lacks one.
    func withDefaultTenant(_ tenant: String?) -> MessagePackValue {
        guard let tenant, case .map(let pairs) = self, !pairs.contains(where: { $0.0 == .string("tenant") }) else {
            return self
        }
        return .map([(.string("tenant"), .string(tenant))] + pairs)
    }
}

/// Any JSON value, read through `Decodable`.
private struct JSONInput: Decodable {
    let value: MessagePackValue

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var elements: [MessagePackValue] = []
            while !array.isAtEnd { elements.append(try array.decode(JSONInput.self).value) }
            value = .array(elements)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            value = .map(
                try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                    (.string($0.stringValue), try object.decode(JSONInput.self, forKey: $0).value)
                })
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            value = .null
        } else if let flag = try? single.decode(Bool.self) {
            value = .bool(flag)
        } else if let integer = try? single.decode(Int64.self) {
            value = .int(integer)
        } else if let number = try? single.decode(Double.self) {
            value = .double(number)
        } else {
            value = .string(try single.decode(String.self))
        }
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension MessagePackValue {
    /// One batch as JSON text (a `.json` file or a line of `spool append`), with `tenant` filled in
    /// when the batch names none.
    public static func spoolBatch(json: Data, tenant: String?) throws(SpoolFailure) -> MessagePackValue {
        try parseJSON(json).withDefaultTenant(tenant)
    }
}
