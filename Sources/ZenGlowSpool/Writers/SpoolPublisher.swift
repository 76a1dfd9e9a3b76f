import Foundation
import ZenGlowIngest

/// `zenglow spool put`: publishes files into `incoming/` by the maildir rule — written under a
/// hidden temporary name in the same folder, fsynced, then renamed into place — so the worker
/// never sees half a file. Every file is checked first (as the worker would read it) and refused
/// with its problem and place; nothing is published from a command that refused a file.
public struct SpoolPublisher: Sendable {
    public let directory: SpoolDirectory
    public let reader: SpoolFileReader

    public init(directory: SpoolDirectory, reader: SpoolFileReader = SpoolFileReader()) {
        self.directory = directory
        self.reader = reader
    }

    /// A file ready to publish: its name in `incoming/` and its bytes.
    public struct Prepared: Sendable {
        public let source: String
        public let name: String
        public let bytes: [UInt8]
        public let batches: Int
    }

    /// Reads and checks `path`: `.msgpack`, `.msgpack.zst`, `.segment`, `.segment.zst` as they
    /// are, and `.json` (one batch) converted to `.msgpack`; `tenant` fills in a batch that names none.
    /// `compress` stores the result as zstd.
    public func prepare(_ path: String, tenant: String? = nil, compress: Bool = false) throws -> Prepared {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpoolError("\(path): cannot read the file")
        }
        guard data.count <= reader.maxFileBytes else {
            throw SpoolError(
                "\(path): the file is \(data.count) bytes; SPOOL_MAX_FILE_BYTES allows \(reader.maxFileBytes); nothing published"
            )
        }
        var bytes = Array(data)
        var publishedName = name
        var kind: SpoolFileKind
        if name.hasSuffix(".json") {
            let value: MessagePackValue
            do {
                value = try MessagePackValue.parseJSON(data).withDefaultTenant(tenant)
            } catch {
                throw SpoolError("\(path): \(error)")
            }
            bytes = MessagePackEncoder.encode(value)
            publishedName = String(name.dropLast(".json".count)) + ".msgpack"
            kind = .batch(compressed: false)
        } else {
            guard case .spoolFile(let recognized) = SpoolFileKind.recognize(name) else {
                throw SpoolError(
                    "\(path): spool files end in .msgpack, .msgpack.zst, .segment, .segment.zst (or .json, converted)")
            }
            kind = recognized
            if tenant != nil {
                throw SpoolError("\(path): --tenant applies to .json files only; a MessagePack file names its tenant")
            }
        }
        let plain = kind.isCompressed ? try decompressed(bytes, path: path) : bytes
        let contents = reader.decode(plain, kind: kind)
        if let failure = contents.failures.first {
            throw SpoolError("\(path): \(failure) [\(failure.code.rawValue)]; nothing published")
        }
        if compress && !kind.isCompressed {
            bytes = try Zstd.compress(bytes)
            publishedName += ".zst"
        }
        return Prepared(source: path, name: publishedName, bytes: bytes, batches: contents.batches.count)
    }

    /// Publishes a prepared file; returns its name in `incoming/` (a free variant when taken).
    @discardableResult
    public func publish(_ prepared: Prepared) throws -> String {
        try publish(bytes: prepared.bytes, name: prepared.name)
    }

    /// Writes `bytes` as `incoming/NAME` by the maildir rule.
    public func publish(bytes: [UInt8], name: String) throws -> String {
        let incoming = directory.path(.incoming)
        let temporary = "\(incoming)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        try AtomicFile.writeSynced(bytes, to: temporary, mode: 0o640)
        do {
            guard let published = try FileMove.rename(temporary, into: incoming, name: name) else {
                throw SpoolError("\(temporary) vanished before it was published")
            }
            FileMove.syncDirectory(incoming)
            return published
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private func decompressed(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        do {
            return try Zstd.decompress(bytes, limit: reader.maxDecompressedBytes)
        } catch {
            throw SpoolError("\(path): \(error); nothing published")
        }
    }
}
