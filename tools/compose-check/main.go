// Command compose-check loads a Compose file the way `docker compose config` does (with the
// compose-spec loader that Docker Compose itself uses), so the project can validate its
// docker-compose.yml on machines without Docker. It prints the normalised model on success.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	file := flag.String("f", "docker-compose.yml", "the Compose file to validate")
	quiet := flag.Bool("q", false, "only validate; print nothing on success")
	asJSON := flag.Bool("json", false, "print the normalised model as JSON (for tests that check its shape)")
	flag.Parse()

	dir, err := filepath.Abs(filepath.Dir(*file))
	if err != nil {
		fail(err)
	}
	options, err := cli.NewProjectOptions(
		[]string{*file},
		cli.WithWorkingDirectory(dir),
		cli.WithOsEnv,
		cli.WithDotEnv,
		cli.WithInterpolation(true),
		cli.WithResolvedPaths(true),
	)
	if err != nil {
		fail(err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	if *quiet {
		return
	}
	marshal := project.MarshalYAML
	if *asJSON {
		marshal = project.MarshalJSON
	}
	out, err := marshal()
	if err != nil {
		fail(err)
	}
	os.Stdout.Write(out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(15)
}
