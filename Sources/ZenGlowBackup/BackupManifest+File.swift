import Foundation

extension BackupManifest {
    /// The manifest's JSON: pretty, keys sorted, dates in ISO 8601 (UTC, milliseconds).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(BackupManifest.timestampFormatter().string(from: date))
        }
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Reads the manifest at `path`; the error names the file and what is wrong with it.
    public static func read(from path: String) throws -> BackupManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BackupError(
                .manifestUnreadable,
                "\(path): no manifest (every backup has one beside its dump); nothing was restored")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard
                let date = BackupManifest.timestampFormatter().date(from: text)
                    ?? ISO8601DateFormatter().date(from: text)
            else {
                throw DecodingError.dataCorruptedError(
                    in: try decoder.singleValueContainer(), debugDescription: "not an ISO 8601 time")
            }
            return date
        }
        let manifest: BackupManifest
        do {
            manifest = try decoder.decode(BackupManifest.self, from: data)
        } catch let error as DecodingError {
            throw BackupError(.manifestUnreadable, "\(path) is not a backup manifest: \(Self.describe(error))")
        }
        guard manifest.format == currentFormat else {
            throw BackupError(
                .manifestUnreadable,
                "\(path): manifest format \(manifest.format) is not one this zenglow reads (\(currentFormat))")
        }
        return manifest
    }

    /// ISO 8601 in UTC with milliseconds; a new formatter per use, as formatters are not Sendable.
    static func timestampFormatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "field \(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "field \(context.codingPath.map(\.stringValue).joined(separator: ".")) is not valid"
        case .dataCorrupted(let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? "not JSON" : "field \(field) is not valid"
        @unknown default: return "\(error)"
        }
    }
}
