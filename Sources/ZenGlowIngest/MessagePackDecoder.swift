/// Decodes MessagePack (https://msgpack.org/ spec) into ``MessagePackValue``: one complete value,
/// nothing after it. Every error names the byte offset; strings must be valid UTF-8; nesting and
/// sizes are bounded so that a hostile body cannot exhaust memory or the stack.
public struct MessagePackDecoder: Sendable {
    public var maxDepth = 64

    public init() {}

    /// What is wrong with the input, and where.
    public struct DecodingError: Error, CustomStringConvertible, Equatable, Sendable {
        /// What went wrong, for callers that sort failures (the spool's reason codes).
        public enum Kind: String, Sendable, Equatable {
            case truncated, invalidUTF8, tooDeep, trailingBytes, unsupportedType
        }
        public let offset: Int
        public let kind: Kind
        public let reason: String
        public var description: String { "invalid MessagePack at byte \(offset): \(reason)" }
    }

    public func decode(_ bytes: [UInt8]) throws -> MessagePackValue {
        var reader = Reader(bytes: bytes, maxDepth: maxDepth)
        let value = try reader.value(depth: 0)
        guard reader.offset == bytes.count else {
            throw DecodingError(
                offset: reader.offset, kind: .trailingBytes,
                reason: "\(bytes.count - reader.offset) bytes after the value")
        }
        return value
    }

    struct Reader {
        let bytes: [UInt8]
        let maxDepth: Int
        var offset = 0

        mutating func fail(_ kind: DecodingError.Kind, _ reason: String) -> DecodingError {
            DecodingError(offset: offset, kind: kind, reason: reason)
        }

        mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
            guard count >= 0, bytes.count - offset >= count else {
                throw fail(.truncated, "truncated: \(count) more bytes expected")
            }
            defer { offset += count }
            return bytes[offset..<(offset + count)]
        }

        mutating func unsigned(_ width: Int) throws -> UInt64 {
            try take(width).reduce(0) { $0 << 8 | UInt64($1) }
        }

        mutating func length(_ width: Int) throws -> Int {
            let value = try unsigned(width)
            // Every element takes at least one byte, so a length beyond what is left is a lie.
            guard value <= UInt64(bytes.count - offset) else {
                throw fail(.truncated, "length \(value) exceeds the input")
            }
            return Int(value)
        }

        mutating func value(depth: Int) throws -> MessagePackValue {
            guard depth <= maxDepth else { throw fail(.tooDeep, "nested deeper than \(maxDepth)") }
            let start = offset
            let type = try take(1).first!
            switch type {
            case 0x00...0x7f: return .int(Int64(type))
            case 0x80...0x8f: return try map(Int(type & 0x0f), depth: depth)
            case 0x90...0x9f: return try array(Int(type & 0x0f), depth: depth)
            case 0xa0...0xbf: return try string(Int(type & 0x1f))
            case 0xc0: return .null
            case 0xc2: return .bool(false)
            case 0xc3: return .bool(true)
            case 0xc4: return .binary(Array(try take(length(1))))
            case 0xc5: return .binary(Array(try take(length(2))))
            case 0xc6: return .binary(Array(try take(length(4))))
            case 0xca: return .double(Double(Float(bitPattern: UInt32(try unsigned(4)))))
            case 0xcb: return .double(Double(bitPattern: try unsigned(8)))
            case 0xcc: return .int(Int64(try unsigned(1)))
            case 0xcd: return .int(Int64(try unsigned(2)))
            case 0xce: return .int(Int64(try unsigned(4)))
            case 0xcf:
                let value = try unsigned(8)
                return value <= UInt64(Int64.max) ? .int(Int64(value)) : .uint(value)
            case 0xd0: return .int(Int64(Int8(truncatingIfNeeded: try unsigned(1))))
            case 0xd1: return .int(Int64(Int16(truncatingIfNeeded: try unsigned(2))))
            case 0xd2: return .int(Int64(Int32(truncatingIfNeeded: try unsigned(4))))
            case 0xd3: return .int(Int64(bitPattern: try unsigned(8)))
            case 0xd9: return try string(length(1))
            case 0xda: return try string(length(2))
            case 0xdb: return try string(length(4))
            case 0xdc: return try array(length(2), depth: depth)
            case 0xdd: return try array(length(4), depth: depth)
            case 0xde: return try map(length(2), depth: depth)
            case 0xdf: return try map(length(4), depth: depth)
            case 0xe0...0xff: return .int(Int64(Int8(bitPattern: type)))
            default:
                offset = start
                throw fail(
                    .unsupportedType,
                    "unsupported type byte 0x\(String(type, radix: 16)) (extension types are not accepted)")
            }
        }

        mutating func string(_ count: Int) throws -> MessagePackValue {
            let start = offset
            let slice = try take(count)
            guard let text = String(validating: slice, as: UTF8.self) else {
                offset = start
                throw fail(.invalidUTF8, "a string is not valid UTF-8")
            }
            return .string(text)
        }

        mutating func array(_ count: Int, depth: Int) throws -> MessagePackValue {
            var elements: [MessagePackValue] = []
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try value(depth: depth + 1)) }
            return .array(elements)
        }

        mutating func map(_ count: Int, depth: Int) throws -> MessagePackValue {
            var pairs: [(MessagePackValue, MessagePackValue)] = []
            pairs.reserveCapacity(count)
            for _ in 0..<count { pairs.append((try value(depth: depth + 1), try value(depth: depth + 1))) }
            return .map(pairs)
        }
    }
}
