import Foundation

extension Evaluation.Report {
    /// The quality table as `zenglow eval` prints it.
    public var text: String {
        var lines = [
            "SciFact train: \(documents) documents, \(queries) judged queries; database \(database) (dropped unless --keep)",
            String(
                format: "load through the batch loader: %.1f s (%.0f chunks/s)", loadSeconds,
                Double(documents) / max(loadSeconds, 0.001)),
            "retrieval settings (\(settingsVersion.map { "version \($0)" } ?? "built-in defaults")): \(settings.summary)",
            "",
            "mode                                           NDCG@10  Recall@100  MRR@10   ms/query",
        ]
        for row in rows {
            lines.append(
                row.mode.padding(toLength: 46, withPad: " ", startingAt: 0)
                    + String(
                        format: " %7.4f  %10.4f  %6.4f  %9.1f", row.ndcg10, row.recall100, row.mrr10,
                        row.millisecondsPerQuery))
        }
        lines.append(
            String(format: "fitted LTR, 5-fold cross-validated NDCG@10: %.4f", crossValidatedNDCG)
                + (fit.map {
                    String(
                        format: "; current model %@ on the same folds: %.4f; %@",
                        $0.currentVersion.map(String.init) ?? "-",
                        $0.currentNDCG, $0.kept ? "kept" : "not kept")
                } ?? ""))
        lines.append(
            "fitted coefficients: "
                + fittedCoefficients.sorted { $0.key < $1.key }.map { String(format: "%@ %.3f", $0.key, $0.value) }
                .joined(separator: ", "))
        lines.append("reference BM25 (data README: stop words + Porter stemming, k1 0.9, b 0.4): NDCG@10 0.6951")
        lines.append("reference brute-force cosine on the same embeddings: NDCG@10 0.6602")
        if rows.contains(where: { $0.mode.hasSuffix("query embedded by ZenGlow") }) {
            lines.append(
                "rows 'query embedded by ZenGlow': the reference query vectors unused; ZenGlow's encoder embeds each query text (its time included)"
            )
        }
        return lines.joined(separator: "\n")
    }
}
