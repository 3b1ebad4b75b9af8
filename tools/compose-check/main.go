// Command compose-check loads Reelsmith's docker-compose.yml the way `docker compose config`
// does (compose-go: schema validation, interpolation, normalisation, consistency of depends_on,
// volumes and networks) and then checks the rules the stack relies on:
//
//   - every image is pinned to a tag or digest, never latest, and none is temporalio/auto-setup;
//   - temporalio/server and the temporalio/admin-tools schema job run one version;
//   - every long-running service has a health check, unless exempt below with a reason;
//   - every depends_on waits for a condition: service_healthy on a service with a health
//     check, or service_completed_successfully on a one-shot service;
//   - the api and worker services mount one named volume at their REELSMITH_DATA_DIR;
//   - api and worker set REELSMITH_ROLE (api, worker) and TEMPORAL_ADDRESS to a service here.
//
// The file is loaded with an empty environment and no .env file, so what is checked is what a
// fresh clone runs with: the defaults written in the file. It needs no container engine.
//
// Usage: go run . [path/to/docker-compose.yml]   (from tools/compose-check; default
// ../../docker-compose.yml). Exit status 0 when every rule holds, 1 when one does not, 2 when
// the file does not load.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

func main() {
	path := filepath.Join("..", "..", "docker-compose.yml")
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	project, err := load(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "compose-check: %s does not load as a compose file: %v\n", path, err)
		os.Exit(2)
	}
	fmt.Printf("compose-check: %s (project %s, services %s)\n",
		path, project.Name, joinNames(project.ServiceNames()))

	report := check(project)
	for _, line := range report.lines {
		fmt.Println(line)
	}
	if len(report.problems) > 0 {
		for _, p := range report.problems {
			fmt.Fprintln(os.Stderr, "compose-check: FAIL "+p)
		}
		fmt.Printf("compose-check: %d problem(s)\n", len(report.problems))
		os.Exit(1)
	}
	fmt.Println("compose-check: every rule holds")
}

// load reads the file as `docker compose -f path config` would, minus the caller's environment.
func load(path string) (*types.Project, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	options, err := cli.NewProjectOptions(
		[]string{abs},
		cli.WithWorkingDirectory(filepath.Dir(abs)),
		cli.WithInterpolation(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true),
		cli.WithResolvedPaths(true),
	)
	if err != nil {
		return nil, err
	}
	return options.LoadProject(context.Background())
}
