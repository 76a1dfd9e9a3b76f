import PostgresNIO
import Testing
import ZenGlowTestSupport

@Suite("PostgreSQL extensions installed by the bootstrap")
struct PostgresExtensionTests {
    @Test("pgvector's HNSW index answers a nearest-neighbour query with the true nearest row")
    func hnswNearestNeighbour() async throws {
        let database = try await TestServers.shared.makeDatabase()
        try await database.withConnection { connection in
            let logger = Logger(label: "test")
            try await connection.query("create extension vector", logger: logger)
            try await connection.query("create table items (id int primary key, embedding vector(3))", logger: logger)
            // 2,000 points on a spiral, none pointing along (1, 0.05, 0) except row 4242.
            try await connection.query(
                """
                insert into items
                select g, format('[%s,%s,%s]', cos(g), sin(g), 1 + g % 7)::vector
                from generate_series(1, 2000) g
                """,
                logger: logger
            )
            try await connection.query("insert into items values (4242, '[1,0.05,0]')", logger: logger)
            try await connection.query(
                "create index items_embedding on items using hnsw (embedding vector_cosine_ops)",
                logger: logger
            )
            try await connection.query("set enable_seqscan = off", logger: logger)

            var plan = ""
            for try await line in try await connection.query(
                "explain select id from items order by embedding <=> '[1,0,0]' limit 3",
                logger: logger
            ).decode(String.self) {
                plan += line + "\n"
            }
            #expect(plan.contains("Index Scan using items_embedding"))

            var ids: [Int] = []
            for try await id in try await connection.query(
                "select id from items order by embedding <=> '[1,0,0]' limit 3",
                logger: logger
            ).decode(Int.self) {
                ids.append(id)
            }
            #expect(ids.first == 4242)
            #expect(ids.count == 3)
        }
    }

    @Test("a TimescaleDB hypertable accepts rows and time_bucket aggregates them per day")
    func hypertableTimeBucket() async throws {
        let database = try await TestServers.shared.makeDatabase()
        try await database.withConnection { connection in
            let logger = Logger(label: "test")
            try await connection.query("create extension timescaledb", logger: logger)
            try await connection.query(
                "create table readings (time timestamptz not null, value double precision not null)",
                logger: logger
            )
            try await connection.query(
                "select create_hypertable('readings', by_range('time', interval '1 day'))",
                logger: logger
            )
            // 72 hourly readings over three days: day d holds 24 readings of value d + 1.
            try await connection.query(
                """
                insert into readings
                select timestamptz '2026-01-01 00:00+00' + make_interval(hours => h), h / 24 + 1
                from generate_series(0, 71) h
                """,
                logger: logger
            )
            var buckets: [(String, Double, Int)] = []
            for try await row in try await connection.query(
                """
                select to_char(time_bucket('1 day', time) at time zone 'UTC', 'YYYY-MM-DD'), sum(value), count(*)::int
                from readings group by 1 order by 1
                """,
                logger: logger
            ).decode((String, Double, Int).self) {
                buckets.append(row)
            }
            #expect(buckets.map(\.0) == ["2026-01-01", "2026-01-02", "2026-01-03"])
            #expect(buckets.map(\.1) == [24, 48, 72])
            #expect(buckets.map(\.2) == [24, 24, 24])

            let chunks = try await connection.query("select count(*)::int from show_chunks('readings')", logger: logger)
                .decode(Int.self).reduce(0, +)
            #expect(chunks == 3)
        }
    }
}
