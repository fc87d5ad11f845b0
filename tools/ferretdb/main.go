// Command ferretdb runs an embedded FerretDB (SQLite backend) for local development and tests.
//
// Building FerretDB through this tiny main module, rather than `go install .../cmd/ferretdb`,
// avoids the start-up panic about a missing build/version/version.txt (FerretDB issue 2982):
// the version-file check only runs when FerretDB itself is the main module.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (keep it on loopback)")
	dataDir := flag.String("data", "", "existing directory for the SQLite database files")
	watchStdin := flag.Bool("exit-on-stdin-eof", false, "stop when standard input closes (the parent process died)")
	indexEvery := flag.Duration("id-index-interval", time.Second,
		"how often to look for collection tables that lack the _id lookup index (0 turns the keeper off)")
	query := flag.String("query", "",
		"instead of serving: open this database file read-only, run the SQL given as the first argument "+
			"(later arguments are its text parameters) and print the rows as JSON")
	flag.Parse()

	if *query != "" {
		if flag.NArg() < 1 {
			fmt.Fprintln(os.Stderr, "ferretdb: -query needs the SQL as an argument")
			os.Exit(2)
		}
		if err := queryFile(context.Background(), os.Stdout, *query, flag.Arg(0), flag.Args()[1:]); err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
			os.Exit(1)
		}
		return
	}

	if *dataDir == "" {
		fmt.Fprintln(os.Stderr, "ferretdb: -data is required")
		os.Exit(2)
	}
	if info, err := os.Stat(*dataDir); err != nil || !info.IsDir() {
		fmt.Fprintf(os.Stderr, "ferretdb: data directory %q does not exist\n", *dataDir)
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *watchStdin {
		// The launcher keeps our stdin open; when it dies for any reason, even SIGKILL, the pipe
		// closes and we stop instead of lingering as an orphan holding the port and data files.
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	// synchronous(normal) in WAL mode: a commit no longer waits for the disk, so one writer
	// appends about twice as fast; a process crash loses nothing, a power loss at most the last
	// commits. Acceptable for the local and test engine (production runs on MongoDB). FerretDB
	// still adds its own busy_timeout, journal_mode(wal) and auto_vacuum pragmas next to it.
	db, err := ferretdb.New(&ferretdb.Config{
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dataDir + "/?_pragma=synchronous(normal)",
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	if *indexEvery > 0 {
		// Alongside FerretDB in this process, so it sees each new database and collection within
		// an interval and stops with the engine.
		keeper := newIDIndexKeeper(*dataDir, func(format string, args ...any) {
			fmt.Fprintf(os.Stderr, format+"\n", args...)
		})
		go keeper.run(ctx, *indexEvery)
	}

	if err := db.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}
