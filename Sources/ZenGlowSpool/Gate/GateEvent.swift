import Foundation

/// One notification to the gate: `gate.open` when a run starts, `gate.done` when it ends. The JSON
/// (snake_case keys, ISO 8601 times in UTC with milliseconds, `reason` and `finished_at` null on
/// `gate.open`) is the body a receiver gets, byte for byte the one the signature covers.
public struct GateEvent: Sendable, Codable, Equatable {
    /// Which moment of a run the event marks; also sent as the `X-ZenGlow-Event` header.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case open = "gate.open"
        case done = "gate.done"
    }

    public var event: Kind
    /// The run's id, the same on its `gate.open` and `gate.done`.
    public var runID: String
    /// The spool files of the run, by name.
    public var files: [String]
    /// The batch tags the run loaded (or tried to).
    public var batchTags: [String]
    public var counts: GateCounts
    /// How the run ended; nil on `gate.open`.
    public var reason: SpoolReason?
    public var startedAt: Date
    /// When the run ended; nil on `gate.open`.
    public var finishedAt: Date?

    public init(
        event: Kind, runID: String, files: [String], batchTags: [String], counts: GateCounts,
        reason: SpoolReason? = nil, startedAt: Date, finishedAt: Date? = nil
    ) {
        self.event = event
        self.runID = runID
        self.files = files
        self.batchTags = batchTags
        self.counts = counts
        self.reason = reason
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    enum CodingKeys: String, CodingKey {
        case event, files, counts, reason
        case runID = "run_id"
        case batchTags = "batch_tags"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    /// The body as it is stored in the outbox and sent: sorted keys, so the same event is the same bytes.
    public func jsonBody() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    // Times are written here rather than through an encoder's date strategy, so the wire format
    // does not depend on who encodes; null fields are written out, so every event has every key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(event, forKey: .event)
        try container.encode(runID, forKey: .runID)
        try container.encode(files, forKey: .files)
        try container.encode(batchTags, forKey: .batchTags)
        try container.encode(counts, forKey: .counts)
        try container.encode(reason, forKey: .reason)
        try container.encode(Self.timestamp(startedAt), forKey: .startedAt)
        try container.encode(finishedAt.map(Self.timestamp), forKey: .finishedAt)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        event = try container.decode(Kind.self, forKey: .event)
        runID = try container.decode(String.self, forKey: .runID)
        files = try container.decode([String].self, forKey: .files)
        batchTags = try container.decode([String].self, forKey: .batchTags)
        counts = try container.decode(GateCounts.self, forKey: .counts)
        reason = try container.decodeIfPresent(SpoolReason.self, forKey: .reason)
        startedAt = try Self.date(container.decode(String.self, forKey: .startedAt), key: .startedAt, in: container)
        finishedAt = try container.decodeIfPresent(String.self, forKey: .finishedAt).map {
            try Self.date($0, key: .finishedAt, in: container)
        }
    }

    private static let withMilliseconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func timestamp(_ date: Date) -> String { date.formatted(withMilliseconds) }

    private static func date(
        _ text: String, key: CodingKeys, in container: KeyedDecodingContainer<CodingKeys>
    ) throws -> Date {
        if let date = try? withMilliseconds.parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        throw DecodingError.dataCorruptedError(
            forKey: key, in: container, debugDescription: "\(text) is not an ISO 8601 time")
    }
}
