import GRDB

extension MinimaDatabase {
    /// The SQLite `application_id` of a Basin minima database: the ASCII bytes "Basn".
    static let applicationID = 0x4261_736E

    /// The schema, built by GRDB's `DatabaseMigrator`; a later version appends migrations.
    ///
    /// `runs`: one row per search — `id`, `kind` ("basin-hopping", "import"), `parameters`
    /// (JSON text), `seed` (the UInt64 seed's bit pattern as a signed 64-bit integer),
    /// `started_at`, `finished_at`, `steps`; from the second migration also `status`
    /// ("running", "finished" or "interrupted", see `RunStatus`), and the `pid` and `host` of
    /// the process that runs it, so that a run whose process was killed reads as interrupted.
    /// Rows older than that migration are "finished" when they have `finished_at`, otherwise
    /// "interrupted".
    ///
    /// `minima`: one row per distinct minimum — `energy` (indexed), `atoms`, `composition`
    /// (`StoredMinimum.composition(of:)`), `symbols` (per-atom labels separated by single
    /// spaces), `positions` (3n little-endian Float64 numbers, x₁ y₁ z₁ x₂ …), the fingerprint
    /// (`moment_1…3`, the principal moments ascending, and `centroid_distances`, n little-endian
    /// Float64 numbers ascending), `times_found`, `run_id` and `step` of the first finding, and
    /// `found_at`. Two columns are reserved for a compressed store of the coordinates, kept at a
    /// guaranteed number of significant bits per coordinate: `bits` (significant mantissa bits
    /// kept, 0…52) and `compressed` (the encoded coordinates); both are NULL until such a store
    /// exists, and `positions` stays the full-precision copy.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("runs and minima") { db in
            try db.create(table: "runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("parameters", .text).notNull().defaults(to: "{}")
                t.column("seed", .integer)
                t.column("started_at", .datetime).notNull()
                t.column("finished_at", .datetime)
                t.column("steps", .integer)
            }
            try db.create(table: "minima") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("energy", .double).notNull().indexed()
                t.column("atoms", .integer).notNull()
                t.column("composition", .text).notNull()
                t.column("symbols", .text).notNull()
                t.column("positions", .blob).notNull()
                t.column("moment_1", .double).notNull()
                t.column("moment_2", .double).notNull()
                t.column("moment_3", .double).notNull()
                t.column("centroid_distances", .blob).notNull()
                t.column("times_found", .integer).notNull().defaults(to: 1)
                t.column("run_id", .integer).indexed().references("runs", onDelete: .setNull)
                t.column("step", .integer)
                t.column("found_at", .datetime).notNull()
                t.column("bits", .integer)
                t.column("compressed", .blob)
            }
        }
        migrator.registerMigration("run status") { db in
            try db.alter(table: "runs") { t in
                t.add(column: "status", .text).notNull().defaults(to: RunStatus.running.rawValue)
                t.add(column: "pid", .integer)
                t.add(column: "host", .text)
            }
            try db.execute(
                sql: "UPDATE runs SET status = CASE WHEN finished_at IS NULL THEN ? ELSE ? END",
                arguments: [RunStatus.interrupted.rawValue, RunStatus.finished.rawValue])
        }
        registerTransitionStates(in: &migrator)
        return migrator
    }
}
