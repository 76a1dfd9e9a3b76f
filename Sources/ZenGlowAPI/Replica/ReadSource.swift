/// Which server answered a read: the response's `read_from`.
enum ReadSource: String, Sendable {
    case replica, primary
}

/// Why a read meant for the replica went to the primary: the `reason` of
/// `zenglow_read_replica_fallbacks_total`.
enum ReplicaFallback: String, Sendable, CaseIterable {
    /// No connection (refused, timed out) or the connection broke: the circuit opens.
    case unreachable
    /// The circuit is open after a recent failure: the replica was not tried.
    case circuitOpen = "circuit_open"
    /// The replica had not replayed the query's `min_lsn` within `READ_LSN_WAIT_MS`.
    case lag
    /// The replica cancelled the query for a recovery conflict (SQLSTATE 40001).
    case conflict
}
