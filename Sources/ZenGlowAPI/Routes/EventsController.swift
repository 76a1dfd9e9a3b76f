import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// `GET /events`: Server-Sent Events of the tenant's manifest and weight changes. A comment line
/// every 15 s keeps proxies from closing an idle stream.
struct EventsController {
    let services: APIServices
    static let keepAlive = Duration.seconds(15)

    func stream(_ request: Request, context: APIRequestContext) async throws -> Response {
        let principal = try context.principal(requiring: .query)
        let events = await services.feed.subscribe(tenant: principal.tenant)
        let headers: HTTPFields = [
            .contentType: "text/event-stream", .cacheControl: "no-cache",
            HTTPField.Name("X-Accel-Buffering")!: "no",
        ]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                // Events and keep-alives are merged into one stream of frames, so that only this
                // task writes to the response.
                let (frames, sink) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(256))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        var id = 0
                        for await event in events {
                            id += 1
                            sink.yield("id: \(id)\nevent: \(event.kind.rawValue)\ndata: \(event.payload)\n\n")
                        }
                        sink.finish()
                    }
                    group.addTask {
                        while !Task.isCancelled {
                            try await Task.sleep(for: Self.keepAlive)
                            sink.yield(": keep-alive\n\n")
                        }
                    }
                    try await writer.write(ByteBuffer(string: ": connected\n\n"))
                    // A stream never ends by itself: on graceful shutdown it is closed, so that
                    // draining in-flight requests does not wait for dashboards to hang up.
                    try await withGracefulShutdownHandler {
                        for await frame in frames {
                            try await writer.write(ByteBuffer(string: frame))
                        }
                    } onGracefulShutdown: {
                        sink.finish()
                    }
                    group.cancelAll()
                }
                try await writer.finish(nil)
            })
    }
}
