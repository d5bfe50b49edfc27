import DictPostgres
import Testing

@Suite("PostgreSQL statement splitter")
struct PostgresStatementSplitterTests {
    @Test("Semicolons end statements; comments and empty pieces are dropped")
    func plainStatements() {
        let sql = """
            -- a comment; with a semicolon
            CREATE TABLE a (x bigint);
            /* block; /* nested; */ still comment; */
            INSERT INTO a VALUES (1);;
            ;
            SELECT 1
            """
        #expect(PostgresStatementSplitter.statements(in: sql) == [
            "-- a comment; with a semicolon\nCREATE TABLE a (x bigint)",
            "/* block; /* nested; */ still comment; */\nINSERT INTO a VALUES (1)",
            "SELECT 1",
        ])
    }

    @Test("Semicolons inside strings, quoted identifiers, escape strings and dollar quotes do not split")
    func quotedSemicolons() {
        let sql = """
            INSERT INTO t VALUES ('a;b', 'it''s; fine', E'x\\';y');
            CREATE TABLE "odd;name" ("col;""x" text);
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.x := 'a;b'; RETURN NEW; END $$;
            CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $inner$ ; $body$;
            SELECT $1::text
            """
        let statements = PostgresStatementSplitter.statements(in: sql)
        #expect(statements.count == 5)
        #expect(statements[0] == "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'x\\';y')")
        #expect(statements[1] == "CREATE TABLE \"odd;name\" (\"col;\"\"x\" text)")
        #expect(statements[2].hasSuffix("RETURN NEW; END $$"))
        #expect(statements[3].hasSuffix("$inner$ ; $body$"))
        #expect(statements[4] == "SELECT $1::text")
    }

    @Test("An unterminated string or comment keeps the rest as one statement rather than splitting inside it")
    func unterminated() {
        #expect(PostgresStatementSplitter.statements(in: "SELECT 'a; b") == ["SELECT 'a; b"])
        #expect(PostgresStatementSplitter.statements(in: "SELECT 1; /* open; comment") == ["SELECT 1"])
        #expect(PostgresStatementSplitter.statements(in: "   \n -- only a comment\n").isEmpty)
    }
}
