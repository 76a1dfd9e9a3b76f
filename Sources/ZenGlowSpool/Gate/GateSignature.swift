import Crypto
import Foundation

/// The `X-ZenGlow-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256>` where the HMAC, keyed
/// by `GATE_TOKEN`, covers `"<t>.<body>"`. The time inside the signed bytes lets a receiver refuse
/// a replayed request; the hex digest lets it check the body is the one the spool sent.
public enum GateSignature {
    /// The header value for `body` signed at `time`.
    public static func header(body: Data, token: String, time: Date = Date()) -> String {
        let seconds = Int(time.timeIntervalSince1970)
        return "t=\(seconds),v1=\(hex(mac(body: body, seconds: seconds, token: token)))"
    }

    /// True when `header` carries a `v1` signature of `body` by `token` made at most `tolerance`
    /// from `now` (either side: clocks drift). Compared in constant time.
    public static func verify(
        body: Data, header: String, token: String, tolerance: Duration = .seconds(300), now: Date = Date()
    ) -> Bool {
        var seconds: Int?
        var signatures: [Data] = []
        for field in header.split(separator: ",") {
            let parts = field.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "t": seconds = Int(parts[1])
            case "v1": if let digest = bytes(hex: parts[1]) { signatures.append(digest) }
            default: continue  // other schemes, ignored so a v2 can be added beside v1
            }
        }
        guard let seconds, abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance / .seconds(1) else {
            return false
        }
        let key = SymmetricKey(data: Data(token.utf8))
        let signed = Data("\(seconds).".utf8) + body
        return signatures.contains { HMAC<SHA256>.isValidAuthenticationCode($0, authenticating: signed, using: key) }
    }

    private static func mac(body: Data, seconds: Int, token: String) -> Data {
        let signed = Data("\(seconds).".utf8) + body
        return Data(HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(token.utf8))))
    }

    private static func hex(_ data: Data) -> String {
        data.map { String(format: "%02x", $0) }.joined()
    }

    private static func bytes(hex: Substring) -> Data? {
        guard hex.count.isMultiple(of: 2) else { return nil }
        var data = Data(capacity: hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            data.append(byte)
            index = next
        }
        return data
    }
}
