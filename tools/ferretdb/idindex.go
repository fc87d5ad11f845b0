package main

// FerretDB 1.24 (SQLite backend) pushes a filter that is exactly {_id: x} down as
// `WHERE _ferretdb_sjson->'$._id' = ?`, but indexes _id as `(_ferretdb_sjson->"_id")`. SQLite only
// uses an expression index whose expression is written exactly like the query's, so every _id
// lookup scans the whole table. This keeper adds one plain index on the exact expression to every
// collection table, present and future; FerretDB keeps no record of it (its metadata lists only its
// own indexes), so listIndexes, dropIndexes and syncIndexes leave it alone, and DROP TABLE removes it.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"modernc.org/sqlite" // the driver FerretDB itself links; no second SQLite in the binary
)

const (
	// FerretDB's metadata table in every database file (internal/backends/sqlite/metadata/registry.go):
	// one row per collection with its table name.
	collectionsTable = "_ferretdb_collections"
	// The expression FerretDB writes for an _id pushdown (metadata.IDColumn).
	idExpression = `_ferretdb_sjson->'$._id'`
	// FerretDB names its own SQLite indexes "<table>_<mongo index name>"; a Mongo index would need
	// this exact unusual name to clash with ours.
	idIndexSuffix = "_pipelinq_id_lookup"
	// Every FerretDB database is one "<name>.sqlite" file in the data folder (metadata/pool).
	databaseFileExtension = ".sqlite"
)

// idIndexName is the SQLite index this program keeps on a collection table.
func idIndexName(table string) string { return table + idIndexSuffix }

func quoteIdentifier(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// sqliteURI opens an existing file only: mode=rw never creates one. Creating a file for a database
// FerretDB has just dropped would leave an empty database without metadata that breaks its next start.
func sqliteURI(file, mode string, busyTimeout time.Duration) string {
	return fmt.Sprintf("file:%s?mode=%s&_pragma=busy_timeout(%d)",
		(&url.URL{Path: file}).EscapedPath(), mode, busyTimeout.Milliseconds())
}

// fileSignature changes whenever a database file or its write-ahead log is written; an unchanged
// signature means no collection can have been created since the last look.
type fileSignature struct {
	dbSize, walSize   int64
	dbMtime, walMtime int64
}

func signatureOf(file string) (fileSignature, error) {
	db, err := os.Stat(file)
	if err != nil {
		return fileSignature{}, err
	}
	sig := fileSignature{dbSize: db.Size(), dbMtime: db.ModTime().UnixNano()}
	if wal, err := os.Stat(file + "-wal"); err == nil {
		sig.walSize, sig.walMtime = wal.Size(), wal.ModTime().UnixNano()
	}
	return sig, nil
}

// idIndexKeeper looks at the data folder every interval and indexes new collection tables.
type idIndexKeeper struct {
	dir string
	// A file's signature is only trusted when taken before its last successful look; a full look
	// every fullEvery passes covers a write that landed within the file system's timestamp tick.
	seen      map[string]fileSignature
	lastError map[string]string
	passes    int
	fullEvery int
	logf      func(format string, args ...any)
}

func newIDIndexKeeper(dir string, logf func(format string, args ...any)) *idIndexKeeper {
	return &idIndexKeeper{
		dir:       dir,
		seen:      map[string]fileSignature{},
		lastError: map[string]string{},
		fullEvery: 30,
		logf:      logf,
	}
}

// run keeps the indexes until ctx ends. It never stops the engine: a failure is logged once per
// file and message, and the file is looked at again on the next pass.
func (k *idIndexKeeper) run(ctx context.Context, interval time.Duration) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		k.pass(ctx)
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// pass looks at every database file once; it returns how many indexes it created.
func (k *idIndexKeeper) pass(ctx context.Context) int {
	full := k.passes%k.fullEvery == 0
	k.passes++
	files, err := filepath.Glob(filepath.Join(k.dir, "*"+databaseFileExtension))
	if err != nil {
		k.report(k.dir, err)
		return 0
	}
	present := make(map[string]bool, len(files))
	created := 0
	for _, file := range files {
		if ctx.Err() != nil {
			return created
		}
		present[file] = true
		sig, err := signatureOf(file)
		if err != nil {
			continue // dropped since the listing
		}
		if last, ok := k.seen[file]; ok && last == sig && !full {
			continue
		}
		n, err := ensureIDIndexes(ctx, file)
		created += n
		if ctx.Err() != nil {
			return created // the engine is stopping
		}
		if errors.Is(err, errRetry) || (err != nil && fileIsGone(file)) {
			delete(k.seen, file) // a dropped database is not a failure
			continue
		}
		if err != nil {
			delete(k.seen, file)
			k.report(file, err)
			continue
		}
		delete(k.lastError, file)
		k.seen[file] = sig
	}
	for file := range k.seen {
		if !present[file] {
			delete(k.seen, file)
		}
	}
	for file := range k.lastError {
		if !present[file] {
			delete(k.lastError, file)
		}
	}
	return created
}

func fileIsGone(file string) bool {
	_, err := os.Stat(file)
	return errors.Is(err, os.ErrNotExist)
}

func (k *idIndexKeeper) report(file string, err error) {
	message := err.Error()
	if k.lastError[file] == message {
		return
	}
	k.lastError[file] = message
	k.logf("ferretdb: keeping the _id lookup index of %s failed (retrying): %v", filepath.Base(file), err)
}

// errNotReady marks a file FerretDB is still creating: it has no metadata table yet.
var errNotReady = errors.New("no collections table yet")

// The keeper waits briefly for FerretDB's writes and tries again on its next pass rather than
// holding a connection open for FerretDB's full busy timeout.
const keeperBusyTimeout = 250 * time.Millisecond

// ensureIDIndexes creates the missing _id lookup indexes of one database file, one short write per
// table, so FerretDB's own writers (which wait up to their busy timeout) are held up briefly only.
func ensureIDIndexes(ctx context.Context, file string) (int, error) {
	db, err := sql.Open("sqlite", sqliteURI(file, "rw", keeperBusyTimeout))
	if err != nil {
		return 0, err
	}
	// A connection per look, closed at once, rather than one kept open: FerretDB drops a database
	// by closing its connections and removing the file, and only a last connection cleans up.
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if err := keepWALOnClose(conn); err != nil {
		return 0, err
	}

	missing, err := tablesWithoutIDIndex(ctx, conn)
	if errors.Is(err, errNotReady) || isBusy(err) {
		return 0, errRetry
	}
	if err != nil {
		return 0, err
	}
	created := 0
	for _, table := range missing {
		q := fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s ON %s (%s)",
			quoteIdentifier(idIndexName(table)), quoteIdentifier(table), idExpression)
		if _, err := conn.ExecContext(ctx, q); err != nil {
			if strings.Contains(err.Error(), "no such table") {
				continue // the collection was dropped between the listing and now
			}
			if isBusy(err) {
				return created, errRetry
			}
			return created, fmt.Errorf("%s: %w", table, err)
		}
		created++
	}
	return created, nil
}

// keepWALOnClose stops this connection from deleting the write-ahead log and shared-memory files
// by name when it happens to close last. That happens only when FerretDB dropped the database
// while we looked (FerretDB's own close was then not the last); by then the names may already
// belong to a database recreated under the same name. SQLite discards a stale log when it opens
// an empty database file, so leaving the files is safe.
func keepWALOnClose(conn *sql.Conn) error {
	return conn.Raw(func(driverConn any) error {
		fc, ok := driverConn.(sqlite.FileControl)
		if !ok {
			return errors.New("the SQLite driver offers no file control")
		}
		_, err := fc.FileControlPersistWAL("main", 1)
		return err
	})
}

// errRetry marks a file to look at again on the next pass without reporting a failure: FerretDB is
// still creating it (no metadata table yet) or is holding the write lock.
var errRetry = errors.New("retry on the next pass")

func isBusy(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked"))
}

// tablesWithoutIDIndex lists the collection tables (from FerretDB's metadata) that exist but lack
// the index. A read only: a file with nothing to do costs no write lock.
func tablesWithoutIDIndex(ctx context.Context, db *sql.Conn) ([]string, error) {
	var hasMetadata int
	err := db.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, collectionsTable,
	).Scan(&hasMetadata)
	if err != nil {
		return nil, err
	}
	if hasMetadata == 0 {
		return nil, errNotReady
	}
	rows, err := db.QueryContext(ctx, fmt.Sprintf(`
		SELECT c.table_name FROM %s AS c
		WHERE EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = c.table_name)
		  AND NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = c.table_name || ?)`,
		quoteIdentifier(collectionsTable)), idIndexSuffix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			return nil, err
		}
		tables = append(tables, table)
	}
	sort.Strings(tables)
	return tables, rows.Err()
}
