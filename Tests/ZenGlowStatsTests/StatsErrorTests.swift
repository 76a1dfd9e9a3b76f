import Testing
import ZenGlowStats

@Suite("stats errors")
struct StatsErrorTests {
    @Test("an error is its one line")
    func oneLine() {
        #expect(StatsError("--by must be tenant, mode, model or stage").description.contains("--by"))
    }
}
