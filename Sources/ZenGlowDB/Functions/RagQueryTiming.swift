/// rag_query's own clock: the `timing` block of its answer, in milliseconds, each a
/// `clock_timestamp()` difference taken inside the database (so network and pool waits are not
/// in it; the API's `retrieve` time around the call is).
public struct RagQueryTiming: Sendable, Equatable {
    /// The stages of the retrieval statement, in the order they run.
    public enum Stage: String, Sendable, CaseIterable {
        case lexical, vector, features, ltr, fusion
    }

    /// From the call to the statement: arguments, active model, weights, LTR model, term statistics.
    public var prepareMilliseconds: Double
    /// Planning the retrieval statement (and starting its executor).
    public var planMilliseconds: Double
    /// Each stage's milliseconds; the stages follow one another without gaps.
    public var stageMilliseconds: [Stage: Double]
    /// From the call to the end of the statement.
    public var totalMilliseconds: Double

    public init(
        prepareMilliseconds: Double, planMilliseconds: Double, stageMilliseconds: [Stage: Double],
        totalMilliseconds: Double
    ) {
        self.prepareMilliseconds = prepareMilliseconds
        self.planMilliseconds = planMilliseconds
        self.stageMilliseconds = stageMilliseconds
        self.totalMilliseconds = totalMilliseconds
    }

    /// The block's values in the order `ragQuery` selects them: prepare, plan, the five stages, total.
    init?(_ values: [Double]) {
        guard values.count == 2 + Stage.allCases.count + 1 else { return nil }
        self.init(
            prepareMilliseconds: values[0], planMilliseconds: values[1],
            stageMilliseconds: Dictionary(uniqueKeysWithValues: zip(Stage.allCases, values[2...])),
            totalMilliseconds: values[values.count - 1])
    }

    /// A stage's milliseconds (0 for one the block did not have).
    public subscript(stage: Stage) -> Double { stageMilliseconds[stage] ?? 0 }
}
