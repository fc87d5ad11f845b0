package main

// A read-only look into one database file, for tests and benchmarks that must prove what SQLite
// does with a query (EXPLAIN QUERY PLAN) where Node 20 has no SQLite of its own. Kept in this binary
// so it reads the files with the same SQLite build FerretDB writes them with.

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"time"
)

// queryFile runs one read-only statement with text parameters and writes its rows as a JSON array
// of objects keyed by column name.
func queryFile(ctx context.Context, out io.Writer, file, statement string, params []string) error {
	db, err := sql.Open("sqlite", sqliteURI(file, "ro", 10*time.Second))
	if err != nil {
		return err
	}
	defer db.Close()

	args := make([]any, len(params))
	for i, p := range params {
		args[i] = p
	}
	rows, err := db.QueryContext(ctx, statement, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return err
	}
	result := []map[string]any{}
	for rows.Next() {
		values := make([]any, len(columns))
		pointers := make([]any, len(columns))
		for i := range values {
			pointers[i] = &values[i]
		}
		if err := rows.Scan(pointers...); err != nil {
			return err
		}
		row := make(map[string]any, len(columns))
		for i, column := range columns {
			if b, ok := values[i].([]byte); ok {
				values[i] = string(b)
			}
			row[column] = values[i]
		}
		result = append(result, row)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	encoder := json.NewEncoder(out)
	encoder.SetEscapeHTML(false) // keeps SQL such as "->" readable
	return encoder.Encode(result)
}
