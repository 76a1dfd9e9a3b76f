import Testing
import ZenGlowIngest

@Suite("MessagePack")
struct MessagePackTests {
    @Test("values survive an encode and decode")
    func roundTrip() throws {
        let value = MessagePackValue.map([
            (.string("n"), .int(-5)), (.string("big"), .int(1 << 40)), (.string("neg"), .int(-100_000)),
            (.string("u"), .uint(UInt64.max)), (.string("f"), .double(0.25)), (.string("t"), .bool(true)),
            (.string("nil"), .null), (.string("s"), .string(String(repeating: "é", count: 40))),
            (.string("bin"), .binary([1, 2, 3])), (.string("a"), .array([.int(1), .array([])])),
        ])
        #expect(try MessagePackDecoder().decode(MessagePackEncoder.encode(value)) == value)
    }

    @Test("the compact forms other writers use decode too")
    func compactForms() throws {
        // {"a": [1, -1, 1.5 (float32)], "b": "hi"} with fixmap, fixarray, fixint, negative fixint, float 32, fixstr.
        let bytes: [UInt8] = [
            0x82, 0xa1, 0x61, 0x93, 0x01, 0xff, 0xca, 0x3f, 0xc0, 0x00, 0x00, 0xa1, 0x62, 0xa2, 0x68, 0x69,
        ]
        #expect(
            try MessagePackDecoder().decode(bytes)
                == .map([
                    (.string("a"), .array([.int(1), .int(-1), .double(1.5)])), (.string("b"), .string("hi")),
                ]))
    }

    @Test(
        "bad input names the byte where it goes wrong",
        arguments: [
            ([0x92, 0x01] as [UInt8], "byte 2: truncated"),
            ([0xa3, 0x61, 0xff, 0x62], "byte 1: a string is not valid UTF-8"),
            ([0x01, 0x02], "byte 1: 1 bytes after the value"),
            ([0xc1], "byte 0: unsupported type byte 0xc1"),
            ([0xdd, 0xff, 0xff, 0xff, 0xff], "byte 5: length 4294967295 exceeds the input"),
        ])
    func errors(bytes: [UInt8], expected: String) {
        #expect {
            try MessagePackDecoder().decode(bytes)
        } throws: { error in
            (error as? MessagePackDecoder.DecodingError)?.description.contains(expected) == true
        }
    }

    @Test("nesting is bounded")
    func depth() {
        let bytes = [UInt8](repeating: 0x91, count: 100) + [0x01]
        #expect(throws: MessagePackDecoder.DecodingError.self) { try MessagePackDecoder().decode(bytes) }
    }
}
