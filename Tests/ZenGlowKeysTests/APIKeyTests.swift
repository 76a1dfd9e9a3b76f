import Testing

@testable import ZenGlowKeys

@Suite struct APIKeyTests {
    @Test func aGeneratedKeyParsesBackToItself() throws {
        let key = APIKey.generate()
        let parsed = try #require(APIKey(parsing: key.description))
        #expect(parsed == key)
        #expect(key.prefix.hasPrefix("zg_"))
    }

    @Test func aMistypedKeyIsRejectedByItsChecksum() {
        let text = APIKey.generate().description
        var characters = Array(text)
        let index = 20
        characters[index] = characters[index] == "a" ? "b" : "a"
        #expect(APIKey(parsing: String(characters)) == nil)
        #expect(APIKey(parsing: String(text.dropLast())) == nil)
        #expect(APIKey(parsing: "zg_short") == nil)
        #expect(APIKey(parsing: "") == nil)
    }
}
