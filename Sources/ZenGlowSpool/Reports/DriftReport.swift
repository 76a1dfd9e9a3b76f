/// How a batch's source mix moved against the tenant's previous batch.
public struct DriftReport: Sendable, Codable, Equatable {
    /// The batch compared against; nil when the tenant had none.
    public var previousBatchTag: String?
    /// Per source (over both batches' sources): its share of this batch's chunks minus its
    /// share of the previous batch's, from −1 to 1.
    public var deltas: [String: Double]
    /// The largest |delta|, 0 without a comparison.
    public var maxDelta: Double
    public var threshold: Double
    /// Whether `maxDelta` exceeds `threshold` (a delta equal to it is not flagged).
    public var flagged: Bool

    enum CodingKeys: String, CodingKey {
        case deltas, threshold, flagged
        case previousBatchTag = "previous_batch_tag"
        case maxDelta = "max_delta"
    }

    public init(previousBatchTag: String?, deltas: [String: Double], maxDelta: Double, threshold: Double, flagged: Bool)
    {
        self.previousBatchTag = previousBatchTag
        self.deltas = deltas
        self.maxDelta = maxDelta
        self.threshold = threshold
        self.flagged = flagged
    }
}
