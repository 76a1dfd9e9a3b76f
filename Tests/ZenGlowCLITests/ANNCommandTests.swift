import Foundation
import PostgresNIO
import Testing
import ZenGlowTestSupport

@Suite("zenglow ann")
struct ANNCommandTests {
    static let model = "all-MiniLM-L6-v2"
    static let index = "chunks_embedding_all_minilm_l6_v2_61365361"

    /// The index's access method and options, and how many of its partitions' indexes are valid of how many.
    func index(_ cli: CLITestDatabase) async throws -> String? {
        try await cli.value(
            """
            select a.amname || ' ' || coalesce(array_to_string(c.reloptions, ','), '') || ' '
                || (select count(*) filter (where i.indisvalid) || '/' || count(*)
                    from pg_partition_tree('zenglow.\(Self.index)') t join pg_index i on i.indexrelid = t.relid where t.isleaf)
            from pg_class c join pg_am a on a.oid = c.relam where c.relname = '\(Self.index)'
            """)
    }

    @Test(
        "set changes build settings and says a rebuild is needed; apply rebuilds under the same name, every partition valid"
    )
    func rebuild() async throws {
        let cli = try await CLITestDatabase.make()
        let partitions = try await cli.value(
            "select count(*)::text from pg_partition_tree('zenglow.chunks') where isleaf")
        #expect(Int(partitions ?? "0") ?? 0 > 0)
        #expect(try await index(cli) == "hnsw  \(partitions!)/\(partitions!)")

        let set = try await cli.run(
            "ann", "set", Self.model, "--kind", "ivfflat", "--ivfflat-lists", "2", "--actor", "ops")
        #expect(set.status == 0, "\(set.standardError)")
        #expect(set.standardOutput.contains("\"rebuild_needed\": true"))
        #expect(try await index(cli) == "hnsw  \(partitions!)/\(partitions!)", "set alone does not touch the index")

        // A rebuild interrupted earlier left its half-built index behind: the next one starts over.
        _ = try await cli.database.withConnection { connection in
            try await connection.query(
                PostgresQuery(
                    unsafeSQL:
                        "create index \(Self.index.prefix(58))_next on only zenglow.chunks using btree (chunk_id)"),
                logger: CLITestDatabase.logger)
        }
        let apply = try await cli.run("ann", "apply", Self.model)
        #expect(apply.status == 0, "\(apply.standardError)")
        #expect(apply.standardError.contains("partition 1 of \(partitions!)"))
        #expect(apply.standardError.contains("the new index replaced the old one"))
        #expect(apply.standardOutput.contains("\"rebuild_needed\": false"))
        #expect(try await index(cli) == "ivfflat lists=2 \(partitions!)/\(partitions!)")
        // And again: a second rebuild must not collide with the names of the first one's partition indexes.
        #expect(try await cli.run("ann", "set", Self.model, "--ivfflat-lists", "3").status == 0)
        let again = try await cli.run("ann", "apply", Self.model)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try await index(cli) == "ivfflat lists=3 \(partitions!)/\(partitions!)")
        #expect(
            try await cli.value("select count(*)::text from pg_class where relname like '%\\_next'") == "0")
        #expect(
            try await cli.value(
                "select actor || ' ' || (details -> 'new' ->> 'index_kind') from zenglow_audit.events where action = 'ann.settings'"
            )
                == "ops ivfflat")
    }

    @Test("search settings apply without a rebuild, and 'default' goes back to the automatic value")
    func searchSettings() async throws {
        let cli = try await CLITestDatabase.make()
        let set = try await cli.run("ann", "set", Self.model, "--hnsw-ef-search", "80")
        #expect(set.status == 0, "\(set.standardError)")
        #expect(set.standardOutput.contains("\"rebuild_needed\": false"))
        #expect(
            try await cli.value(
                "with applied as materialized (select zenglow.apply_ann_settings('\(Self.model)', 200)) select current_setting('hnsw.ef_search') from applied"
            )
                == "80")
        #expect(try await cli.run("ann", "set", Self.model, "--hnsw-ef-search", "default").status == 0)
        #expect(
            try await cli.value("select coalesce(hnsw_ef_search::text, 'automatic') from zenglow.ann_settings")
                == "automatic")
    }

    @Test("bad settings and unknown models get one clear line, exit 1, and change nothing")
    func refusals() async throws {
        let cli = try await CLITestDatabase.make()
        let range = try await cli.run("ann", "set", Self.model, "--hnsw-m", "500")
        #expect(range.status == 1)
        #expect(range.standardError.contains("hnsw_m"))
        let unknown = try await cli.run("ann", "set", "no-such-model", "--kind", "hnsw")
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("unknown embedding model 'no-such-model'"))
        let nothing = try await cli.run("ann", "set", Self.model)
        #expect(nothing.status != 0)
        #expect(nothing.standardError.contains("name at least one setting"))
        #expect(try await cli.value("select version::text from zenglow.ann_settings") == "1")
    }
}
