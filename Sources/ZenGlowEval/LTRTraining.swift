import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// `zenglow ltr fit`: learns the linear LTR coefficients from judged queries and stores them as a
/// new version of zenglow.ltr_models (which rag_query then uses).
public enum LTRTraining {
    public struct Fitted: Sendable {
        public let coefficients: [String: Double]
        /// Mean NDCG@10 of 5-fold cross-validation: each fold scored by a model fitted on the
        /// other four, the honest estimate for unseen queries.
        public let crossValidatedNDCG: Double
        /// Mean NDCG@10 of the final model on all the queries it was fitted on.
        public let trainingNDCG: Double
    }

    static func fit(_ queries: [SciFactData.Query], client: RagQueryClient) async throws -> Fitted {
        let judged = try await judgedCandidates(queries, client)
        let start = LinearRanker(coefficients: [1, 0, 0.1, 0, 0, 0], ltrWeight: 0.5, vectorWeight: 0.5)
        let ascent = CoordinateAscent()
        var crossValidated = 0.0
        for fold in 0..<5 {
            let training = judged.enumerated().filter { $0.offset % 5 != fold }.map(\.element)
            let held = judged.enumerated().filter { $0.offset % 5 == fold }.map(\.element)
            crossValidated += CoordinateAscent.meanNDCG(ascent.fit(start, on: training), held) * Double(held.count)
        }
        let model = ascent.fit(start, on: judged)
        return Fitted(
            coefficients: Dictionary(uniqueKeysWithValues: zip(LinearRanker.features, model.coefficients)),
            crossValidatedNDCG: crossValidated / Double(max(judged.count, 1)),
            trainingNDCG: CoordinateAscent.meanNDCG(model, judged)
        )
    }

    /// Inserts the fitted model as the newest (active) version; returns its version.
    static func store(_ fitted: Fitted, trainedOn: String, on connection: PostgresConnection, logger: Logger)
        async throws -> Int64
    {
        let coefficients = String(
            decoding: try JSONSerialization.data(withJSONObject: fitted.coefficients, options: [.sortedKeys]),
            as: UTF8.self)
        let metrics = String(
            format: #"{"ndcg10_5fold_cv": %.4f, "ndcg10_training": %.4f}"#, fitted.crossValidatedNDCG,
            fitted.trainingNDCG)
        let label = trainedOn + ", coordinate ascent on NDCG@10"
        let rows = try await connection.query(
            """
            insert into zenglow.ltr_models (feature_schema_version, coefficients, trained_on, metrics)
            values (1, \(coefficients)::jsonb, \(label), \(metrics)::jsonb)
            returning version
            """,
            logger: logger)
        for try await version in rows.decode(Int64.self) { return version }
        throw EvalError("storing the LTR model returned no version")
    }

    /// Fits on SciFact-format judged queries against a loaded tenant and stores the model.
    public static func fitAndStore(
        dataFolder: String,
        url: DatabaseURL,
        tenant: String,
        k1: Double,
        b: Double,
        logger: Logger
    ) async throws -> String {
        try await url.withConnection(applicationName: "zenglow ltr fit", logger: logger) { connection in
            try await fitAndStore(dataFolder: dataFolder, on: connection, tenant: tenant, k1: k1, b: b, logger: logger)
        }
    }

    private static func fitAndStore(
        dataFolder: String,
        on connection: PostgresConnection,
        tenant: String,
        k1: Double,
        b: Double,
        logger: Logger
    ) async throws -> String {
        let data = try SciFactData(folder: dataFolder)
        let client = RagQueryClient(
            connection: connection, tenant: tenant, logger: logger,
            optionsJSON: String(format: #"{"k1": %.4f, "b": %.4f}"#, k1, b))
        let fitted = try await fit(data.queries, client: client)
        let version = try await store(fitted, trainedOn: dataFolder, on: connection, logger: logger)
        return String(
            format: "stored LTR model version %lld (5-fold cross-validated NDCG@10 %.4f, on all queries %.4f): %@",
            version, fitted.crossValidatedNDCG, fitted.trainingNDCG,
            fitted.coefficients.sorted { $0.key < $1.key }.map { String(format: "%@ %.3f", $0.key, $0.value) }
                .joined(separator: ", "))
    }

    /// Every query's candidates (both branches) with their features, as rag_query computes them.
    private static func judgedCandidates(_ queries: [SciFactData.Query], _ client: RagQueryClient) async throws
        -> [CoordinateAscent.Judged]
    {
        var judged: [CoordinateAscent.Judged] = []
        for query in queries {
            let results = try await client.query(
                query.text, embedding: query.embedding, topK: 2 * RagQueryClient.candidatesPerBranch, mode: "fusion",
                explain: true)
            let best = results.compactMap { $0.features?.bm25 }.max() ?? 0
            let candidates = results.compactMap { result -> LinearRanker.Candidate? in
                guard let f = result.features else { return nil }
                let bm25 = best > 0 ? f.bm25 / best : 0
                return LinearRanker.Candidate(
                    documentID: result.documentID,
                    values: [bm25, f.cosine ?? 0, f.titleMatch, f.recency, f.sourcePrior, f.chunkLength],
                    cosine: f.cosine ?? 0)
            }
            judged.append(CoordinateAscent.Judged(candidates: candidates, relevant: query.relevant))
        }
        return judged
    }
}
