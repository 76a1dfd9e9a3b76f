import Synchronization

/// The routes the router serves, as method and path template, so that a request for a path that
/// exists with another method gets 405 with `Allow` (the router alone answers 404). Filled once,
/// when the router is complete; middleware is added before the routes it wraps.
final class RouteTable: Sendable {
    private let routes = Mutex<[(method: String, segments: [Substring])]>([])

    func set(_ routes: [(method: String, path: String)]) {
        self.routes.withLock {
            $0 = routes.map { ($0.method, $0.path.split(separator: "/")) }
        }
    }

    /// The methods routed for `path`, sorted; empty when no route has that path.
    func methods(for path: String) -> [String] {
        let segments = path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/") } ?? []
        return routes.withLock { routes in
            Set(
                routes.filter { route in
                    route.segments.count == segments.count
                        && zip(route.segments, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
                }.map(\.method)
            ).sorted()
        }
    }
}
