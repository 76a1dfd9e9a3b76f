import PostgresNIO

extension StatsSession {
    /// The stages of the latency histograms, in the order their rows are shown.
    static let stages = ["total", "embed", "retrieve", "features", "ltr", "fusion"]

    /// A query over the level's real-time view: the rows of `range` re-bucketed to the request's
    /// bucket (`b`), grouped (`g`, ordered by `o`), aggregated by `aggregates` per group and
    /// bucket and per group over the range (`b` null). Latency by stage reads one row per stage
    /// (`hist`); other screens read the view's columns as they are.
    static func seriesQuery(_ request: StatsRequest, range: StatsRange, aggregates: String) -> PostgresQuery {
        let view = (request.level ?? .fiveMinutes).view
        let (group, order, lateral): (String, String, String) =
            switch request.grouping {
            case .tenant: ("s.tenant_id", "0", "")
            case .mode: ("coalesce(nullif(s.mode, ''), '(none)')", "0", "")
            case .model: ("coalesce(nullif(s.model, ''), '(none)')", "0", "")
            case .stage:
                (
                    "st.stage", "st.position",
                    " cross join lateral (values "
                        + stages.enumerated().map { "(\($0.offset), '\($0.element)', s.\($0.element)_hist)" }
                        .joined(separator: ", ") + ") as st (position, stage, hist)"
                )
            case nil: ("'all'::text", "0", "")
            }
        let hist = request.grouping == .stage ? "st.hist" : "s.total_hist"
        let stageFilter = request.grouping == .stage ? " and st.hist is not null" : ""
        let bucket = range.bucket.interval
        return """
            with series as (
                select date_bin(\(bucket)::interval, s.bucket, timestamptz '2000-01-01 00:00:00+00') as b,
                    \(unescaped: group) as g, \(unescaped: order) as o, \(unescaped: hist) as hist, s.*
                from \(unescaped: view) s\(unescaped: lateral)
                where s.bucket >= \(range.start)\(unescaped: stageFilter)
            )
            select b, g, \(unescaped: aggregates)
            from series
            group by grouping sets ((g, b), (g))
            order by min(o), g, b nulls first
            """
    }
}
