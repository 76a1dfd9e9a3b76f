import Testing
import ZenGlowMigrator

@Suite("checksums over normalised text")
struct SourceTextTests {
    @Test("CRLF line endings and a BOM do not change the checksum; an edit does")
    func normalisation() {
        let original = SourceText(raw: "create table a (id int);\nselect 1;\n")
        #expect(SourceText(raw: "\u{FEFF}create table a (id int);\r\nselect 1;\r\n").checksum == original.checksum)
        #expect(SourceText(raw: "create table a (id bigint);\nselect 1;\n").checksum != original.checksum)
        #expect(original.checksum.hasPrefix("sha256:"))
        #expect(original.checksum.count == "sha256:".count + 64)
    }

    @Test("line and column of a character offset")
    func lineAndColumn() {
        let text = SourceText(raw: "ab\ncdé\nf")
        #expect(text.lineAndColumn(ofScalarOffset: 0) == (1, 1))
        #expect(text.lineAndColumn(ofScalarOffset: 5) == (2, 3))
        #expect(text.lineAndColumn(ofScalarOffset: 7) == (3, 1))
    }
}
