import ZenGlowIngest

/// `pg_stat_user_functions` counts by function name: calls, and total and own (self) time in ms.
struct FunctionTimes: Sendable {
    struct Entry: Sendable {
        var calls: Int64 = 0
        var total = 0.0
        var own = 0.0

        mutating func add(_ other: Entry) {
            calls += other.calls
            total += other.total
            own += other.own
        }
    }

    var entries: [String: Entry] = [:]

    func subtracting(_ earlier: FunctionTimes) -> FunctionTimes {
        var result = FunctionTimes()
        for (name, entry) in entries {
            let before = earlier.entries[name] ?? Entry()
            let delta = Entry(
                calls: entry.calls - before.calls, total: entry.total - before.total, own: entry.own - before.own)
            if delta.calls > 0 { result.entries[name] = delta }
        }
        return result
    }

    mutating func add(_ other: FunctionTimes) {
        for (name, entry) in other.entries { entries[name, default: Entry()].add(entry) }
    }

    func total(_ name: String) -> Double { entries[name]?.total ?? 0 }
    func own(_ name: String) -> Double { entries[name]?.own ?? 0 }
}

/// A loader variant's step times summed over its rounds: the loader's own (client) clock, and the
/// server's per-function clock.
struct LoaderStepTotals: Sendable {
    var client = BatchLoadSteps()
    var functions = FunctionTimes()

    mutating func add(_ other: LoaderStepTotals) {
        client.add(other.client)
        functions.add(other.functions)
    }
}

extension BatchLoadSteps {
    mutating func add(_ other: BatchLoadSteps) {
        validation += other.validation
        encoding += other.encoding
        transfer += other.transfer
        ingest += other.ingest
        commit += other.commit
    }
}
