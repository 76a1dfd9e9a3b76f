import Testing
import ZenGlowSpool

@Suite("Drift check of a batch's source mix")
struct DriftCheckTests {
    @Test("a share that moved by more than the threshold is flagged")
    func flagged() {
        let report = DriftCheck.compare(
            current: ["crm": 75, "wiki": 25], previous: ["crm": 50, "wiki": 50], previousTag: "b1", threshold: 0.2)
        #expect(report.flagged)
        #expect(report.previousBatchTag == "b1")
        #expect(report.deltas == ["crm": 0.25, "wiki": -0.25])
        #expect(report.maxDelta == 0.25)
        #expect(report.threshold == 0.2)
    }

    @Test(
        "a move up to the threshold is not flagged, whatever the floating-point rounding",
        arguments: [
            (["crm": 70, "wiki": 30], ["crm": 50, "wiki": 50]),  // 0.7 − 0.5 rounds below 0.2
            (["crm": 90, "wiki": 10], ["crm": 70, "wiki": 30]),  // 0.9 − 0.7 rounds above 0.2
            (["crm": 51, "wiki": 49], ["crm": 50, "wiki": 50]),
        ])
    func notFlagged(current: [String: Int], previous: [String: Int]) {
        let report = DriftCheck.compare(current: current, previous: previous, previousTag: "b1", threshold: 0.2)
        #expect(!report.flagged)
        #expect(report.maxDelta <= 0.2 + 1e-9)
    }

    @Test("deltas cover sources that appeared and sources that went quiet")
    func unionOfSources() {
        let report = DriftCheck.compare(
            current: ["crm": 50, "tickets": 50], previous: ["crm": 5, "wiki": 5], previousTag: "b1", threshold: 0.6)
        #expect(report.deltas == ["crm": 0, "tickets": 0.5, "wiki": -0.5])
        #expect(report.maxDelta == 0.5)
        #expect(!report.flagged)
    }

    @Test("the tenant's first batch has nothing to compare with and is never flagged")
    func noPrevious() {
        let report = DriftCheck.compare(current: ["crm": 10], previous: nil, previousTag: nil, threshold: 0)
        #expect(report == DriftReport(previousBatchTag: nil, deltas: [:], maxDelta: 0, threshold: 0, flagged: false))
    }

    @Test("a previous batch without chunks gives no mix to compare with")
    func emptyPrevious() {
        let report = DriftCheck.compare(current: ["crm": 10], previous: [:], previousTag: "b0", threshold: 0)
        #expect(!report.flagged)
        #expect(report.previousBatchTag == "b0")
        #expect(report.deltas.isEmpty)
    }
}
