/// A JSON object as text, produced by PostgreSQL (`jsonb::text`) or our encoders.
enum JSONObjectText {
    /// `object` with `"name":"value"` as its first member: the cached and the fresh answer differ
    /// only in this field, and the stored text needs no decode and re-encode. `value` must need no
    /// escaping (it is one of our own enum values).
    static func prepending(_ name: String, _ value: String, to object: String) -> String {
        guard let open = object.firstIndex(of: "{") else { return object }
        let rest = object[object.index(after: open)...]
        let isEmpty = rest.drop(while: { $0 == " " || $0 == "\n" }).first == "}"
        return "{\"\(name)\": \"\(value)\"" + (isEmpty ? "" : ", ") + rest
    }
}
