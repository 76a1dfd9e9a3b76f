import Testing
import ZenGlowMigrator

@Suite("SQL splitter")
struct SQLSplitterTests {
    private func texts(_ sql: String) -> [String] { SQLSplitter.split(sql).map(\.text) }

    @Test("splits at top-level semicolons and drops empty and comment-only statements")
    func basic() {
        #expect(texts("select 1; select 2;\n;  -- only a comment\n") == ["select 1", "select 2"])
    }

    @Test("semicolons inside $$ and $tag$ bodies, including a nested different tag, do not split")
    func dollarQuotes() {
        let sql = """
            create function f() returns int language plpgsql as $$ begin perform 1; return 2; end $$;
            create function g() returns text language plpgsql as $body$
            begin return $x$;a;$x$; end $body$;
            select $1::int;
            """
        let statements = texts(sql)
        #expect(statements.count == 3)
        #expect(statements[0].hasSuffix("end $$"))
        #expect(statements[1].hasSuffix("end $body$"))
        #expect(statements[2] == "select $1::int")
    }

    @Test("quoted strings, doubled quotes, E'' strings with \\' and quoted identifiers keep their semicolons")
    func quotes() {
        let sql = #"select 'a;''b'; select E'c\';d'; select "we;ird" from t; select e'x\\'; select 2"#
        #expect(
            texts(sql) == [
                #"select 'a;''b'"#, #"select E'c\';d'"#, #"select "we;ird" from t"#, #"select e'x\\'"#, "select 2",
            ])
    }

    @Test("nested block comments and line comments hide semicolons")
    func comments() {
        let sql = "select 1 /* a; /* nested; */ still; */ + 1; -- trailing; comment\nselect 2"
        #expect(texts(sql) == ["select 1 /* a; /* nested; */ still; */ + 1", "-- trailing; comment\nselect 2"])
    }

    @Test("an identifier ending in E before a quote is not an E'' string")
    func identifierEndingInE() {
        #expect(texts(#"select 1 as type'\'; select 2"#).count == 2)
    }

    @Test("offsets point at each statement's first character, in characters not bytes")
    func offsets() {
        let sql = "-- é\nselect 'ü';\n  select 2"
        let statements = SQLSplitter.split(sql)
        // "-- é\n" is 5 characters, "select 'ü';" 11 more, then "\n  " before the second statement.
        #expect(statements.map(\.offset) == [0, 19])
        let scalars = Array(sql.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[19..<25])) == "select")
    }
}
