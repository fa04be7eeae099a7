// Command gowebob serves a folder of Go files as web pages, as Apache +
// mod_wsgi serves a folder of Python files: every NAME.go file with a
// top-level func Application is a page at /NAME.go and /NAME, compiled on
// its first request and recompiled when it changes.
//
// Usage:
//
//	gowebob serve [flags] DIR   serve DIR
//	gowebob build [-o OUT] DIR  compile every page of DIR into one program
//	gowebob init DIR            make DIR a docroot: a go.mod and a hello.go
//
// Run gowebob serve -h for the flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "gowebob:", err)
		}
		os.Exit(2)
	}
}

const usage = `usage:
  gowebob serve [flags] DIR   serve every page of DIR (gowebob serve -h for flags)
  gowebob build [-o OUT] DIR  compile every page of DIR into one program (OUT -h for its flags)
  gowebob init DIR            write a go.mod and a hello.go into DIR
`

// run is main without the process: it returns instead of exiting.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command")
	}
	switch args[0] {
	case "serve":
		return serveCmd(ctx, args[1:], stdout, stderr)
	case "build":
		return buildCmd(ctx, args[1:], stdout, stderr)
	case "init":
		return initCmd(ctx, args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
