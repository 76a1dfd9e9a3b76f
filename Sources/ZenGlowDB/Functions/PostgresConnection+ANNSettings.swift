import Foundation
import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow.ann_settings_report(model)`: a model's ANN settings, its index and whether the
    /// index must be rebuilt to match them, as JSON text.
    public func annSettings(model: String, logger: Logger) async throws -> String {
        guard let json = try await jsonText("select zenglow.ann_settings_report(\(model))::text", logger: logger) else {
            throw DatabaseError(.server, "unknown embedding model '\(model)'")
        }
        return json
    }

    /// `zenglow.set_ann_settings(model, settings, actor)`: changes them in one audited call; the
    /// answer (JSON text) says whether the index needs a rebuild.
    public func setANNSettings(model: String, settingsJSON: String, actor: String, logger: Logger) async throws
        -> String
    {
        guard
            let json = try await jsonText(
                "select zenglow.set_ann_settings(\(model), \(settingsJSON)::jsonb, \(actor))::text", logger: logger)
        else {
            throw DatabaseError(.server, "zenglow.set_ann_settings returned no row")
        }
        return json
    }

    /// Rebuilds a model's ANN index from its settings without blocking loads or queries for the
    /// build: a new partitioned index is created on the parent only (invalid, unused), each
    /// partition's index is built with CREATE INDEX CONCURRENTLY and attached, and then, in one
    /// short transaction, the old index is dropped and the new one takes its name. Queries keep
    /// using the old index until that moment. Must run outside a transaction (CONCURRENTLY); a
    /// rebuild interrupted half-way leaves `<name>_next`, which the next rebuild drops first.
    /// Partition indexes get names of their own per rebuild (the live index's partitions keep theirs
    /// until it is dropped). `progress` gets one line per partition with its duration. Returns the report afterwards.
    public func rebuildANNIndex(model: String, progress: (String) -> Void, logger: Logger) async throws -> String {
        guard
            let plan = try await jsonText(
                """
                select jsonb_build_object('name', zenglow.model_index_name(\(model)),
                    'definition', zenglow.model_index_definition(\(model)),
                    'partitions', coalesce((select jsonb_agg(jsonb_build_object('table', format('%I.%I', n.nspname, c.relname),
                        'index', left(c.relname, 44) || '_ann_' || left(md5(c.relname || clock_timestamp()::text), 8))
                        order by c.relname)
                    from pg_partition_tree('zenglow.chunks') t join pg_class c on c.oid = t.relid
                    join pg_namespace n on n.oid = c.relnamespace where t.isleaf), '[]'))::text
                """, logger: logger),
            let parsed = try? JSONDecoder().decode(ANNRebuildPlan.self, from: Data(plan.utf8))
        else {
            throw DatabaseError(.server, "could not plan the index rebuild of model '\(model)'")
        }
        let name = parsed.name
        guard let definition = parsed.definition else {
            progress("no ANN index without pgvector: retrieval is an exact scan, nothing to rebuild")
            return try await annSettings(model: model, logger: logger)
        }
        let next = String(name.prefix(58)) + "_next"
        let partitions = parsed.partitions
        try await execute(PostgresQuery(unsafeSQL: "drop index if exists zenglow.\(next)"), logger: logger)
        try await execute(
            PostgresQuery(unsafeSQL: "create index \(next) on only zenglow.chunks \(definition)"), logger: logger)
        for (number, partition) in partitions.enumerated() {
            let table = partition.table
            let index = partition.index
            let started = Date()
            try await execute(PostgresQuery(unsafeSQL: "drop index if exists zenglow.\(index)"), logger: logger)
            try await execute(
                PostgresQuery(unsafeSQL: "create index concurrently \(index) on \(table) \(definition)"), logger: logger
            )
            try await execute(
                PostgresQuery(unsafeSQL: "alter index zenglow.\(next) attach partition zenglow.\(index)"),
                logger: logger)
            progress(
                String(
                    format: "partition %d of %d, %@: built (%.1f s)", number + 1, partitions.count, table,
                    Date().timeIntervalSince(started)))
        }
        try await execute("begin", logger: logger)
        do {
            try await execute(PostgresQuery(unsafeSQL: "drop index if exists zenglow.\(name)"), logger: logger)
            try await execute(PostgresQuery(unsafeSQL: "alter index zenglow.\(next) rename to \(name)"), logger: logger)
            try await execute(
                """
                update zenglow.ann_settings set built = jsonb_build_object('definition', \(definition), 'version', version, 'built_at', now())
                where model_name = \(model)
                """, logger: logger)
            try await execute("commit", logger: logger)
        } catch {
            try? await execute("rollback", logger: logger)
            throw error
        }
        progress("the new index replaced the old one")
        return try await annSettings(model: model, logger: logger)
    }
}

/// What a rebuild builds: the index's name and definition, and each leaf partition's new index.
struct ANNRebuildPlan: Decodable {
    struct Partition: Decodable {
        let table: String
        let index: String
    }
    let name: String
    let definition: String?
    let partitions: [Partition]
}
