import Testing

@testable import ZenGlowBackup

@Suite("which dump entries a restore leaves out")
struct RestoreListTests {
    @Test("pg_cron, its comment and its cron tables are left out; ZenGlow's entries, even one named cron, are not")
    func pgCronEntries() {
        // Lines of `pg_restore --list` of a database holding pg_cron with one job (PostgreSQL 15).
        let pgCron = [
            "2; 3079 20054 EXTENSION - pg_cron ",
            "3377; 0 0 COMMENT - EXTENSION pg_cron ",
            "3211; 0 20057 TABLE DATA cron job postgres",
            "3213; 0 20076 TABLE DATA cron job_run_details postgres",
            "3378; 0 0 SEQUENCE SET cron jobid_seq postgres",
        ]
        let zenglow = [
            "3; 3079 16385 EXTENSION - timescaledb ",
            "3210; 0 16500 TABLE DATA zenglow chunks zenglow_owner",
            "260; 1259 16501 TABLE zenglow cron zenglow_owner",
            "; Archive created at 2026-12-02 00:09:49 UTC",
            ";     dbname: cron",
        ]
        #expect(pgCron.filter(RestoreList.belongsToPgCron) == pgCron)
        #expect(zenglow.filter(RestoreList.belongsToPgCron) == [])
    }
}
