package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newDatabaseFile lays a file out the way FerretDB 1.24.2 does (metadata table, one STRICT table
// per collection, its unique index on the differently written _id expression).
func newDatabaseFile(t *testing.T, dir, name string, tables ...string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, name+databaseFileExtension)+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	mustExec(t, db, `CREATE TABLE "_ferretdb_collections" (name TEXT NOT NULL UNIQUE, table_name TEXT NOT NULL UNIQUE, settings TEXT NOT NULL) STRICT`)
	for _, table := range tables {
		addCollection(t, db, table)
	}
	return db
}

func addCollection(t *testing.T, db *sql.DB, table string) {
	t.Helper()
	mustExec(t, db, `CREATE TABLE `+quoteIdentifier(table)+` (_ferretdb_sjson TEXT NOT NULL CHECK(_ferretdb_sjson != '')) STRICT`)
	mustExec(t, db, `INSERT INTO "_ferretdb_collections" VALUES (?, ?, '{}')`, table, table)
	mustExec(t, db, `CREATE UNIQUE INDEX `+quoteIdentifier(table+"__id_")+` ON `+quoteIdentifier(table)+` (_ferretdb_sjson->"_id")`)
	mustExec(t, db, `INSERT INTO `+quoteIdentifier(table)+` VALUES ('{"_id":"a"}'), ('{"_id":"b"}')`)
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func queryPlan(t *testing.T, db *sql.DB, table string) string {
	t.Helper()
	// EXPLAIN QUERY PLAN plans with the schema the connection last loaded and never checks it for
	// changes; running the lookup first reloads it, as FerretDB's own statements do.
	lookup := `SELECT _ferretdb_sjson FROM ` + quoteIdentifier(table) + ` WHERE ` + idExpression + ` = ?`
	if _, err := db.Exec(lookup, "a"); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM `+quoteIdentifier(table)+` WHERE `+idExpression+` = ?`, "a")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "; ")
}

func TestKeeperIndexesExistingAndLaterCollections(t *testing.T) {
	dir := t.TempDir()
	db := newDatabaseFile(t, dir, "app", "sessions_0a1b2c3d")
	if plan := queryPlan(t, db, "sessions_0a1b2c3d"); !strings.HasPrefix(plan, "SCAN") {
		t.Fatalf("FerretDB's own _id index should not serve the lookup, plan: %s", plan)
	}

	var logged []string
	k := newIDIndexKeeper(dir, func(format string, args ...any) { logged = append(logged, format) })
	ctx := context.Background()
	if n := k.pass(ctx); n != 1 {
		t.Fatalf("created %d indexes, want 1", n)
	}
	if plan := queryPlan(t, db, "sessions_0a1b2c3d"); !strings.Contains(plan, "USING INDEX "+idIndexName("sessions_0a1b2c3d")) {
		t.Fatalf("the lookup does not use the index, plan: %s", plan)
	}
	if n := k.pass(ctx); n != 0 {
		t.Fatalf("an unchanged file got %d more indexes", n)
	}

	addCollection(t, db, "tokens_99aa88bb")
	other := newDatabaseFile(t, dir, "second", "accounts_12345678")
	if n := k.pass(ctx); n != 2 {
		t.Fatalf("created %d indexes for a new collection and a new database, want 2", n)
	}
	if plan := queryPlan(t, other, "accounts_12345678"); !strings.Contains(plan, "USING INDEX") {
		t.Fatalf("the new database's lookup does not use the index, plan: %s", plan)
	}
	if len(logged) != 0 {
		t.Fatalf("unexpected log lines: %v", logged)
	}
}

func TestKeeperSkipsDroppedTablesAndUnfinishedFiles(t *testing.T) {
	dir := t.TempDir()
	db := newDatabaseFile(t, dir, "app")
	// FerretDB drops a collection by deleting its metadata row and then the table; a look in
	// between sees a row without a table.
	mustExec(t, db, `INSERT INTO "_ferretdb_collections" VALUES ('gone', 'gone_00000000', '{}')`)
	// A database FerretDB has only just created has no metadata table yet.
	if err := os.WriteFile(filepath.Join(dir, "fresh"+databaseFileExtension), nil, 0o600); err != nil {
		t.Fatal(err)
	}

	var logged []string
	k := newIDIndexKeeper(dir, func(format string, args ...any) { logged = append(logged, format) })
	if n := k.pass(context.Background()); n != 0 {
		t.Fatalf("created %d indexes, want none", n)
	}
	if len(logged) != 0 {
		t.Fatalf("a normal race was logged as a failure: %v", logged)
	}
}

func TestKeeperNeverCreatesADatabaseFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "dropped"+databaseFileExtension)
	if _, err := ensureIDIndexes(context.Background(), missing); err == nil {
		t.Fatal("opening a dropped database's file should fail")
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatalf("the keeper created %s", missing)
	}
}

func TestKeeperReportsAFailureOnceAndRetries(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "broken"+databaseFileExtension), []byte("not a database, but long enough to be read as one"), 0o600); err != nil {
		t.Fatal(err)
	}
	var logged []string
	k := newIDIndexKeeper(dir, func(format string, args ...any) { logged = append(logged, format) })
	k.pass(context.Background())
	k.pass(context.Background())
	if len(logged) != 1 {
		t.Fatalf("logged %d times, want once: %v", len(logged), logged)
	}
}

func TestKeeperWaitsForFerretDBsWriteLockWithoutReportingIt(t *testing.T) {
	dir := t.TempDir()
	db := newDatabaseFile(t, dir, "app", "busy_00000001")
	writer, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := writer.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	var logged []string
	k := newIDIndexKeeper(dir, func(format string, args ...any) { logged = append(logged, format) })
	if n := k.pass(context.Background()); n != 0 {
		t.Fatalf("created %d indexes under another writer's lock", n)
	}
	if _, err := writer.ExecContext(context.Background(), "COMMIT"); err != nil {
		t.Fatal(err)
	}
	_ = writer.Close()
	if n := k.pass(context.Background()); n != 1 {
		t.Fatalf("created %d indexes once the lock was gone, want 1", n)
	}
	if len(logged) != 0 {
		t.Fatalf("waiting for a lock was logged as a failure: %v", logged)
	}
}

func TestKeeperNeverDeletesWriteAheadLogFilesByName(t *testing.T) {
	dir := t.TempDir()
	db := newDatabaseFile(t, dir, "app", "later_00000002")
	_ = db.Close() // the keeper's connection will be the last one, as after a concurrent drop
	file := filepath.Join(dir, "app"+databaseFileExtension)
	if _, err := os.Stat(file + "-wal"); !os.IsNotExist(err) {
		t.Fatalf("precondition: a last close deletes the log, got %v", err)
	}
	if n := newIDIndexKeeper(dir, t.Logf).pass(context.Background()); n != 1 {
		t.Fatalf("created %d indexes, want 1", n)
	}
	if _, err := os.Stat(file + "-wal"); err != nil {
		t.Fatalf("the keeper's last close removed the log by name: %v", err)
	}
}
