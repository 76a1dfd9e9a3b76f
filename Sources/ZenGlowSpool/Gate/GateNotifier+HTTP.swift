import AsyncHTTPClient
import Foundation
import NIOCore

extension GateNotifier {
    /// One POST of `body`; nil when the gate answered 2xx, else why not.
    func post(body: Data, kind: GateEvent.Kind, deliveryID: String, timeout: Duration) async -> String? {
        guard let url = configuration.url else { return "no gate URL is configured" }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "zenglow-spool")
        request.headers.add(name: "X-ZenGlow-Event", value: kind.rawValue)
        request.headers.add(name: "X-ZenGlow-Delivery", value: deliveryID)
        if let token = configuration.token {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "X-ZenGlow-Signature", value: GateSignature.header(body: body, token: token))
        }
        request.body = .bytes(ByteBuffer(data: body))
        do {
            let response = try await httpClient().execute(request, timeout: TimeAmount(timeout))
            // Read (and drop) a small answer so the connection can be reused.
            _ = try? await response.body.collect(upTo: 64 << 10)
            guard (200..<300).contains(response.status.code) else {
                return "the gate answered \(response.status.code) \(response.status.reasonPhrase)"
            }
            return nil
        } catch let error as HTTPClientError
            where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
        {
            return "the gate did not answer within \(Self.milliseconds(timeout)) ms"
        } catch {
            return "the gate could not be reached: \(error)"
        }
    }

    /// The client, made on first use so that a notifier without a gate never opens one.
    func httpClient() -> HTTPClient {
        if let client { return client }
        let timeout = TimeAmount(configuration.timeout)
        let made = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: timeout, read: timeout)),
            backgroundActivityLogger: logger)
        client = made
        return made
    }
}
