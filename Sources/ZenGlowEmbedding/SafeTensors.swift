import Foundation

/// The tensors of a `.safetensors` file, memory-mapped: an 8-byte little-endian header length,
/// a JSON header naming each tensor's dtype, shape and byte range, then the data.
///
/// Every field of the header is checked against the file before a tensor is handed out, and a
/// malformed file is refused with the byte offset where it goes wrong.
struct SafeTensors: @unchecked Sendable {
    // Immutable after init; tensors point into the read-only mapping `file` keeps alive.
    struct Tensor: @unchecked Sendable {
        let name: String
        let shape: [Int]
        /// The float32 values, read in place from the mapping.
        let values: UnsafeBufferPointer<Float>
    }

    /// Headers larger than this are refused (the format's own reference limit is 100 MB).
    static let maximumHeaderBytes = 100 << 20

    let file: MappedFile
    private let tensors: [String: Tensor]

    init(path: String) throws {
        let file = try MappedFile(path: path)
        self.file = file
        self.tensors = try Self.parse(file)
    }

    /// The float32 tensor `name` with exactly `shape`.
    func tensor(_ name: String, shape: [Int]) throws -> Tensor {
        guard let tensor = tensors[name] else {
            throw EmbeddingError(.unsupportedModel, "\(file.path): no tensor \(name); is this a BERT model?")
        }
        guard tensor.shape == shape else {
            throw EmbeddingError(
                .unsupportedModel, "\(file.path): tensor \(name) has shape \(tensor.shape), expected \(shape)")
        }
        return tensor
    }

    private static func parse(_ file: MappedFile) throws -> [String: Tensor] {
        let bytes = file.bytes
        func corrupt(_ offset: Int, _ message: String) -> EmbeddingError {
            EmbeddingError(.corruptWeights, "\(file.path): corrupt safetensors at byte \(offset): \(message)")
        }
        guard bytes.count >= 8 else {
            throw corrupt(0, "file is \(bytes.count) bytes, shorter than the 8-byte header length")
        }
        var length: UInt64 = 0
        for index in (0..<8).reversed() { length = length << 8 | UInt64(bytes[index]) }
        guard length <= UInt64(maximumHeaderBytes), Int(length) <= bytes.count - 8 else {
            throw corrupt(0, "header length \(length) exceeds the file (\(bytes.count) bytes)")
        }
        let dataStart = 8 + Int(length)
        let header: Any
        do {
            header = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
        } catch {
            throw corrupt(8, "header (\(length) bytes) is not valid JSON")
        }
        guard let entries = header as? [String: Any] else { throw corrupt(8, "header is not a JSON object") }
        let dataCount = bytes.count - dataStart
        var tensors: [String: Tensor] = [:]
        for (name, entry) in entries where name != "__metadata__" {
            guard let fields = entry as? [String: Any], let dtype = fields["dtype"] as? String,
                let shape = (fields["shape"] as? [NSNumber])?.map(\.intValue),
                let range = (fields["data_offsets"] as? [NSNumber])?.map(\.intValue), range.count == 2
            else { throw corrupt(8, "tensor \(name) lacks dtype, shape or data_offsets") }
            let begin = range[0]
            let end = range[1]
            guard begin >= 0, begin <= end, end <= dataCount else {
                throw corrupt(
                    dataStart + max(0, begin),
                    "tensor \(name) claims bytes \(begin)..<\(end) of a \(dataCount)-byte data section")
            }
            // Only float32 tensors are used; others (position_ids) are validated for range and skipped.
            guard dtype == "F32" else { continue }
            guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) * 4 == end - begin else {
                throw corrupt(
                    dataStart + begin, "tensor \(name) of shape \(shape) does not fill its \(end - begin) bytes")
            }
            guard (dataStart + begin) % MemoryLayout<Float>.alignment == 0 else {
                throw corrupt(dataStart + begin, "tensor \(name) is not aligned to 4 bytes")
            }
            let start = bytes.baseAddress!.advanced(by: dataStart + begin).assumingMemoryBound(to: Float.self)
            tensors[name] = Tensor(
                name: name, shape: shape, values: UnsafeBufferPointer(start: start, count: (end - begin) / 4))
        }
        return tensors
    }
}
