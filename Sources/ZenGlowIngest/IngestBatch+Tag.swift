extension IngestBatch {
    /// What the database's `batches_batch_tag_format` check allows (`[A-Za-z0-9][A-Za-z0-9._:-]{0,127}`),
    /// checked before loading so that a bad tag is refused naming it, even for content loaded before.
    public static func isValidTag(_ tag: String) -> Bool {
        func alphanumeric(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        guard let first = tag.unicodeScalars.first, tag.unicodeScalars.count <= 128, alphanumeric(first) else {
            return false
        }
        return tag.unicodeScalars.allSatisfy { alphanumeric($0) || "._:-".unicodeScalars.contains($0) }
    }
}
