import Foundation
import Testing
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("X-ZenGlow-Signature")
struct GateSignatureTests {
    static let body = Data(#"{"event":"gate.done","reason":"success"}"#.utf8)

    /// The receiver-side check docs/ingestion.md shows, run as a receiver would run it.
    static let python = """
        import hashlib, hmac, sys, time

        def verify(body: bytes, header: str, token: str, tolerance: int = 300) -> bool:
            fields = dict(part.split("=", 1) for part in header.split(","))
            t = int(fields["t"])
            if abs(time.time() - t) > tolerance:
                return False
            expected = hmac.new(token.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
            return hmac.compare_digest(expected, fields["v1"])

        sys.exit(0 if verify(sys.stdin.buffer.read(), sys.argv[1], sys.argv[2]) else 1)
        """

    /// The same check with openssl, for receivers written in shell.
    static let shell = """
        t=${1#t=}; t=${t%%,*}; v1=${1##*v1=}
        mac=$( { printf '%s.' "$t"; cat; } | openssl dgst -sha256 -hmac "$2" -r | cut -d' ' -f1)
        [ "$mac" = "$v1" ]
        """

    @Test("verify accepts the header for the body it was made for, and refuses another body, token or a stale time")
    func verify() {
        let now = Date()
        let header = GateSignature.header(body: Self.body, token: "s3cret", time: now)
        #expect(GateSignature.verify(body: Self.body, header: header, token: "s3cret", now: now))
        #expect(!GateSignature.verify(body: Self.body + Data(" ".utf8), header: header, token: "s3cret", now: now))
        #expect(!GateSignature.verify(body: Self.body, header: header, token: "s3cret!", now: now))
        #expect(
            !GateSignature.verify(
                body: Self.body, header: header, token: "s3cret", tolerance: .seconds(300),
                now: now.addingTimeInterval(301)))
        #expect(
            !GateSignature.verify(body: Self.body, header: "v1=" + header.split(separator: "=").last!, token: "s3cret"))
        #expect(!GateSignature.verify(body: Self.body, header: "garbage", token: "s3cret"))
    }

    @Test("a receiver's own HMAC (Python's hmac, openssl dgst) agrees with the header, and catches a changed body")
    func independentReceivers() throws {
        let header = GateSignature.header(body: Self.body, token: "s3cret")
        let pythonOK = try ExternalTool.run(
            "/usr/bin/env", ["python3", "-c", Self.python, header, "s3cret"], input: Self.body)
        #expect(pythonOK.status == 0, "\(pythonOK.output)")
        let pythonTampered = try ExternalTool.run(
            "/usr/bin/env", ["python3", "-c", Self.python, header, "s3cret"], input: Self.body + Data("x".utf8))
        #expect(pythonTampered.status == 1, "\(pythonTampered.output)")
        let shellOK = try ExternalTool.run("/bin/sh", ["-c", Self.shell, "sh", header, "s3cret"], input: Self.body)
        #expect(shellOK.status == 0, "\(shellOK.output)")
        let shellWrongToken = try ExternalTool.run(
            "/bin/sh", ["-c", Self.shell, "sh", header, "other"], input: Self.body)
        #expect(shellWrongToken.status == 1, "\(shellWrongToken.output)")
    }
}
