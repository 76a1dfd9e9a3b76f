import Testing
import ZenGlowEmbedding

/// Bytes that must be UTF-8 are refused at the first bad byte, named by its offset.
@Suite struct UTF8TextTests {
    @Test func validTextDecodes() throws {
        #expect(try UTF8Text.decode(Array("Café 東京".utf8), source: "stdin") == "Café 東京")
    }

    @Test(arguments: [
        ([0x61, 0x62, 0xFF, 0x63], 2),  // a byte that never appears in UTF-8
        ([0x61, 0xC3], 1),  // a sequence cut short at the end
        ([0xE6, 0x9D, 0x41], 0),  // a sequence broken by an ASCII byte
        ([0x63, 0x61, 0x66, 0xC3, 0xA9, 0xC0, 0xAF], 5),  // an overlong encoding after valid text
    ])
    func invalidBytesAreNamedByOffset(bytes: [UInt8], offset: Int) {
        #expect(throws: EmbeddingError.self) { try UTF8Text.decode(bytes, source: "stdin") }
        do {
            _ = try UTF8Text.decode(bytes, source: "stdin")
        } catch let error as EmbeddingError {
            #expect(error.code == .invalidText)
            #expect(error.message == "stdin: not valid UTF-8 at byte \(offset); nothing embedded")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
