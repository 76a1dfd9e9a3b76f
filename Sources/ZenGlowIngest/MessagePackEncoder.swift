/// Encodes ``MessagePackValue`` in the smallest MessagePack form of each value (spool writers,
/// tests).
public enum MessagePackEncoder {
    public static func encode(_ value: MessagePackValue) -> [UInt8] {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return bytes
    }

    static func append(_ value: MessagePackValue, to bytes: inout [UInt8]) {
        func big<T: FixedWidthInteger>(_ number: T) {
            withUnsafeBytes(of: number.bigEndian) { bytes.append(contentsOf: $0) }
        }
        switch value {
        case .null: bytes.append(0xc0)
        case .bool(let flag): bytes.append(flag ? 0xc3 : 0xc2)
        case .int(let number):
            if number >= 0 {
                append(.uint(UInt64(number)), to: &bytes)
            } else if number >= -32 {
                bytes.append(UInt8(bitPattern: Int8(number)))
            } else {
                bytes.append(0xd3)
                big(number)
            }
        case .uint(let number):
            if number < 0x80 {
                bytes.append(UInt8(number))
            } else {
                bytes.append(0xcf)
                big(number)
            }
        case .double(let number):
            bytes.append(0xcb)
            big(number.bitPattern)
        case .string(let text):
            let utf8 = Array(text.utf8)
            if utf8.count < 32 {
                bytes.append(0xa0 | UInt8(utf8.count))
            } else {
                bytes.append(0xdb)
                big(UInt32(utf8.count))
            }
            bytes.append(contentsOf: utf8)
        case .binary(let data):
            bytes.append(0xc6)
            big(UInt32(data.count))
            bytes.append(contentsOf: data)
        case .array(let elements):
            bytes.append(0xdd)
            big(UInt32(elements.count))
            for element in elements { append(element, to: &bytes) }
        case .map(let pairs):
            bytes.append(0xdf)
            big(UInt32(pairs.count))
            for (key, element) in pairs {
                append(key, to: &bytes)
                append(element, to: &bytes)
            }
        }
    }
}
