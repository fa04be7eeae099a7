package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/gowebob/gowebob/internal/sitebuild"
)

// buildCmd is gowebob build.
func buildCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("o", "", "the program to write (default: the folder's name, in the current folder)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: gowebob build [-o OUT] DIR")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return errors.New("build takes one DIR")
	}
	return sitebuild.Build(ctx, sitebuild.Options{Dir: fl.Arg(0), Out: *out})
}
