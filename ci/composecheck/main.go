// composecheck loads a compose file the way `docker compose config` does (compose-go: compose-spec
// schema, interpolation from an env file, consistency checks such as unknown depends_on targets or
// undeclared volumes) without a Docker engine or the compose CLI plugin.
//
//	composecheck -env-file deploy/.env.example deploy/docker-compose.yml
//
// Prints the services it found; exits 1 on any error.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	envFile := flag.String("env-file", "", "env file used for interpolation (like docker compose --env-file)")
	profiles := flag.String("profile", "*", "profile to enable ('*' enables all)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: composecheck [-env-file FILE] [-profile NAME] <compose.yml>")
		os.Exit(2)
	}
	opts := []cli.ProjectOptionsFn{cli.WithOsEnv, cli.WithProfiles([]string{*profiles})}
	if *envFile != "" {
		opts = append(opts, cli.WithEnvFiles(*envFile), cli.WithDotEnv)
	}
	po, err := cli.NewProjectOptions([]string{flag.Arg(0)}, opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "composecheck:", err)
		os.Exit(1)
	}
	project, err := po.LoadProject(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, "composecheck:", err)
		os.Exit(1)
	}
	names := project.ServiceNames()
	sort.Strings(names)
	fmt.Printf("composecheck: project %q ok, services %v\n", project.Name, names)
}
