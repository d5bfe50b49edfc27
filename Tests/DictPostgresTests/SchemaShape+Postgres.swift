import DictPostgres
import PostgresNIO

extension SchemaShape {
    /// The shape of one schema of a PostgreSQL database, from its catalogs.
    static func postgres(_ session: PostgresSession, schema: String) async throws -> SchemaShape {
        var shape = SchemaShape()
        let columns = try await session.query("""
            SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.is_nullable = 'NO'
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = \(schema) AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """)
        for row in columns {
            let (table, column, type, notNull) = try row.decode((String, String, String, Bool).self)
            shape.tables[table, default: Table()].columns.append(Column(name: column, type: postgresFamily(type), notNull: notNull))
        }
        let views = try await session.query(
            "SELECT table_name::text FROM information_schema.views WHERE table_schema = \(schema) ORDER BY table_name")
        shape.views = try views.map { try $0.decode(String.self) }

        // Constraints: p(rimary), f(oreign), u(nique), c(heck), with their columns in key order.
        let constraints = try await session.query("""
            SELECT rel.relname::text, con.contype::text, con.confdeltype::text,
                   coalesce(ref.relname::text, ''),
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
                   ARRAY(SELECT a.attname::text FROM unnest(coalesce(con.confkey, '{}')) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)
            FROM pg_constraint con
            JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            LEFT JOIN pg_class ref ON ref.oid = con.confrelid
            WHERE ns.nspname = \(schema) AND rel.relkind = 'r'
            """)
        let actions = ["a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"]
        for row in constraints {
            let (table, type, deleteAction, referenced, keyColumns, referencedColumns) =
                try row.decode((String, String, String, String, [String], [String]).self)
            guard shape.tables[table] != nil else { continue }
            switch type {
            case "p": shape.tables[table]!.primaryKey = keyColumns
            case "f":
                shape.tables[table]!.foreignKeys.append(ForeignKey(
                    columns: keyColumns, table: referenced, referenced: referencedColumns, onDelete: actions[deleteAction] ?? deleteAction))
            case "u": shape.tables[table]!.uniqueColumnSets.append(keyColumns.sorted())
            case "c": shape.tables[table]!.checks += 1
            default: break
            }
        }
        // Indexes that are not a constraint's own.
        let indexes = try await session.query("""
            SELECT t.relname::text, i.relname::text, x.indisunique, x.indpred IS NOT NULL
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace ns ON ns.oid = t.relnamespace
            WHERE ns.nspname = \(schema)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u'))
            """)
        for row in indexes {
            let (table, name, unique, partial) = try row.decode((String, String, Bool, Bool).self)
            guard shape.tables[table] != nil else { continue }
            shape.tables[table]!.indexes.append(Index(name: name, unique: unique, partial: partial))
        }
        for name in shape.tables.keys {
            shape.tables[name]!.foreignKeys.sort()
            shape.tables[name]!.uniqueColumnSets.sort { $0.joined(separator: ",") < $1.joined(separator: ",") }
            shape.tables[name]!.indexes.sort()
        }
        return shape
    }
}
