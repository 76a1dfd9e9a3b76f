import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// `zenglow ltr fit`: learns the linear LTR coefficients from judged queries, ranking with the
/// tenant's retrieval settings (or overrides of them), and keeps the new model (a new version of
/// zenglow.ltr_models, which rag_query then uses, and the settings it was fitted with as the
/// tenant's new settings version) only when its cross-validated NDCG@10 beats the current model's
/// on the same folds, served with the current settings.
public enum LTRTraining {
    public struct Fitted: Sendable {
        public let coefficients: [String: Double]
        /// Mean NDCG@10 of 5-fold cross-validation: each fold scored by a model fitted on the
        /// other four, the honest estimate for unseen queries.
        public let crossValidatedNDCG: Double
        /// Mean NDCG@10 of the final model on all the queries it was fitted on.
        public let trainingNDCG: Double
    }

    /// What a fit found and did.
    public struct Outcome: Sendable {
        public let fitted: Fitted
        /// The settings the new model was fitted with.
        public let settings: RetrievalSettings
        /// The current model's NDCG@10 on the same five held-out folds (a stored model is not
        /// refitted per fold: each fold is ranked by it as it is), with the current settings.
        public let currentNDCG: Double
        public let currentVersion: Int64?
        public let currentSettings: RetrievalSettings
        /// Whether the new model beat the current one and was stored.
        public let kept: Bool
        /// The stored model's version and the tenant's new settings version, when kept.
        public let storedVersion: Int64?
        public let settingsVersion: Int64?

        /// What `zenglow ltr fit` prints.
        public var text: String {
            let figures = String(
                format: "new model (%@): 5-fold cross-validated NDCG@10 %.4f (on all queries %.4f); "
                    + "current model %@ (%@): %.4f on the same folds",
                settings.summary, fitted.crossValidatedNDCG, fitted.trainingNDCG,
                currentVersion.map { "version \($0)" } ?? "none", currentSettings.summary, currentNDCG)
            let coefficients = fitted.coefficients.sorted { $0.key < $1.key }
                .map { String(format: "%@ %.3f", $0.key, $0.value) }.joined(separator: ", ")
            let verdict =
                kept
                ? "kept: stored LTR model version \(storedVersion.map(String.init) ?? "-") and settings version "
                    + "\(settingsVersion.map(String.init) ?? "-") (fitted with it)"
                : "not kept: the new model does not beat the current one; nothing stored"
            return [figures, "coefficients: \(coefficients)", verdict].joined(separator: "\n")
        }
    }

    /// The keep-only-when-better rule: a new model replaces the current one only when its
    /// cross-validated NDCG@10 is higher than the current model's on the same folds.
    public static func keeps(newNDCG: Double, currentNDCG: Double) -> Bool { newNDCG > currentNDCG }

    /// The five folds the queries are split into (query i in fold i % 5).
    static let folds = 5

    /// Fits on `judged` (5-fold cross-validated, then on all) from `start`.
    public static func fit(_ judged: [CoordinateAscent.Judged], from start: LinearRanker) -> (LinearRanker, Fitted) {
        let ascent = CoordinateAscent()
        var crossValidated = 0.0
        for fold in 0..<folds {
            let training = judged.enumerated().filter { $0.offset % folds != fold }.map(\.element)
            let held = judged.enumerated().filter { $0.offset % folds == fold }.map(\.element)
            crossValidated += CoordinateAscent.meanNDCG(ascent.fit(start, on: training), held) * Double(held.count)
        }
        let model = ascent.fit(start, on: judged)
        let fitted = Fitted(
            coefficients: Dictionary(uniqueKeysWithValues: zip(LinearRanker.features, model.coefficients)),
            crossValidatedNDCG: crossValidated / Double(max(judged.count, 1)),
            trainingNDCG: CoordinateAscent.meanNDCG(model, judged))
        return (model, fitted)
    }

    /// A fixed model's NDCG@10 over the same held-out folds as ``fit(_:from:)``, weighted alike.
    public static func heldOutNDCG(of model: LinearRanker, _ judged: [CoordinateAscent.Judged]) -> Double {
        var total = 0.0
        for fold in 0..<folds {
            let held = judged.enumerated().filter { $0.offset % folds == fold }.map(\.element)
            total += CoordinateAscent.meanNDCG(model, held) * Double(held.count)
        }
        return total / Double(max(judged.count, 1))
    }

    /// Fits on SciFact-format judged queries against a loaded tenant; keeps the model only when it
    /// beats the current one. `k1` and `b` override the tenant's settings while fitting.
    public static func fitAndStore(
        dataFolder: String, url: DatabaseURL, tenant: String, k1: Double?, b: Double?, logger: Logger
    ) async throws -> Outcome {
        let data = try SciFactData(folder: dataFolder)
        return try await url.withConnection(applicationName: "zenglow ltr fit", logger: logger) { connection in
            try await fitAndStore(
                data.queries, trainedOn: dataFolder, on: connection, tenant: tenant, k1: k1, b: b, logger: logger)
        }
    }

    static func fitAndStore(
        _ queries: [SciFactData.Query], trainedOn: String, on connection: PostgresConnection, tenant: String,
        k1: Double?, b: Double?, role: String? = nil, logger: Logger
    ) async throws -> Outcome {
        let current = try await connection.currentRetrievalSettings(tenant: tenant, logger: logger)
        let settings = current.settings.overriding(k1: k1, b: b)
        let (weights, model) = try await connection.withTenant(tenant, logger: logger) { connection in
            (try await currentWeights(connection, logger), try await currentModel(connection, logger))
        }
        func client(_ settings: RetrievalSettings) -> RagQueryClient {
            RagQueryClient(connection: connection, tenant: tenant, role: role, logger: logger, options: settings)
        }
        let judged = try await judgedCandidates(queries, client(settings))
        let judgedCurrent =
            settings == current.settings ? judged : try await judgedCandidates(queries, client(current.settings))
        let start = LinearRanker(
            coefficients: [1, 0, 0.1, 0, 0, 0], ltrWeight: weights.ltr, vectorWeight: weights.vector)
        let (_, fitted) = fit(judged, from: start)
        let currentNDCG =
            model.map {
                heldOutNDCG(
                    of: LinearRanker(
                        coefficients: $0.coefficients, ltrWeight: weights.ltr, vectorWeight: weights.vector),
                    judgedCurrent)
            } ?? 0
        guard keeps(newNDCG: fitted.crossValidatedNDCG, currentNDCG: currentNDCG) else {
            return Outcome(
                fitted: fitted, settings: settings, currentNDCG: currentNDCG, currentVersion: model?.version,
                currentSettings: current.settings, kept: false, storedVersion: nil, settingsVersion: nil)
        }
        let (stored, settingsVersion) = try await store(
            fitted, settings: settings, currentNDCG: currentNDCG, currentVersion: model?.version,
            trainedOn: trainedOn, tenant: tenant, on: connection, logger: logger)
        return Outcome(
            fitted: fitted, settings: settings, currentNDCG: currentNDCG, currentVersion: model?.version,
            currentSettings: current.settings, kept: true, storedVersion: stored, settingsVersion: settingsVersion)
    }

    /// In one transaction: the model as the newest (active) version, and the settings it was
    /// fitted with as the tenant's new settings version, tied to it. Returns both versions.
    private static func store(
        _ fitted: Fitted, settings: RetrievalSettings, currentNDCG: Double, currentVersion: Int64?,
        trainedOn: String, tenant: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> (Int64, Int64) {
        let coefficients = String(
            decoding: try JSONSerialization.data(withJSONObject: fitted.coefficients, options: [.sortedKeys]),
            as: UTF8.self)
        let metrics = String(
            format: #"{"ndcg10_5fold_cv": %.4f, "ndcg10_training": %.4f, "replaced_version": %@, "#
                + #""replaced_ndcg10_same_folds": %.4f, "settings": %@}"#,
            fitted.crossValidatedNDCG, fitted.trainingNDCG, currentVersion.map(String.init) ?? "null", currentNDCG,
            settings.json)
        let label = trainedOn + ", coordinate ascent on NDCG@10"
        let reason = String(
            format: "zenglow ltr fit: the settings the model was fitted with (NDCG@10 %.4f vs %.4f)",
            fitted.crossValidatedNDCG, currentNDCG)
        return try await connection.withTenant(tenant, logger: logger) { connection in
            var version: Int64?
            for try await stored in try await connection.query(
                """
                insert into zenglow.ltr_models (feature_schema_version, coefficients, trained_on, metrics)
                values (1, \(coefficients)::jsonb, \(label), \(metrics)::jsonb)
                returning version
                """, logger: logger
            ).decode(Int64.self) {
                version = stored
            }
            guard let version else { throw EvalError("storing the LTR model returned no version") }
            let answer = try await connection.singleText(
                """
                select zenglow_api.set_retrieval_settings(\(settings.json)::jsonb, \(reason), 'zenglow ltr fit', null,
                    \(version))::text
                """, logger: logger)
            struct Answer: Decodable { let version: Int64 }
            let settingsVersion = try JSONDecoder().decode(Answer.self, from: Data((answer ?? "{}").utf8)).version
            return (version, settingsVersion)
        }
    }

    private static func currentWeights(_ connection: PostgresConnection, _ logger: Logger) async throws
        -> (ltr: Double, vector: Double)
    {
        struct Active: Decodable {
            struct Weights: Decodable {
                let ltr: Double
                let vector: Double
            }
            let weights: Weights
        }
        let json = try await connection.currentFusionWeights(logger: logger)
        let active = try? JSONDecoder().decode(Active.self, from: Data(json.utf8))
        return (active?.weights.ltr ?? 0.5, active?.weights.vector ?? 0.5)
    }

    /// The LTR model rag_query uses (the newest), its coefficients in feature order.
    private static func currentModel(_ connection: PostgresConnection, _ logger: Logger) async throws
        -> (version: Int64, coefficients: [Double])?
    {
        let rows = try await connection.query(
            "select version, coefficients::text from zenglow.ltr_models order by version desc limit 1", logger: logger)
        for try await (version, json) in rows.decode((Int64, String).self) {
            let values = try JSONDecoder().decode([String: Double].self, from: Data(json.utf8))
            return (version, LinearRanker.features.map { values[$0] ?? 0 })
        }
        return nil
    }

    /// Every query's candidates (both branches) with their features, as rag_query computes them
    /// with `client`'s settings.
    private static func judgedCandidates(_ queries: [SciFactData.Query], _ client: RagQueryClient) async throws
        -> [CoordinateAscent.Judged]
    {
        var judged: [CoordinateAscent.Judged] = []
        for query in queries {
            let results = try await client.query(
                query.text, embedding: query.embedding, topK: client.allCandidates, mode: "fusion", explain: true)
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
