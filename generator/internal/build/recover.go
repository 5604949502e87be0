package main

import (
	"fmt"

	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/parallel"
)

// internalError is the error a build fails with when its code panicked,
// v being the value recovered: a bug, on some input, that must neither
// end serve nor pass unreported. It must be called by the deferred
// function that recovered (parallel.Caught).
func internalError(v any) error {
	return fmt.Errorf("internal error while building: %w (please report)", parallel.Caught(v))
}

// parseHook, when set (by tests), is called by parse with the file about
// to be parsed: a panic there stands for a parser's bug on some input.
var parseHook func(file string)

// recoverParse, deferred by parse, turns a panic of a parser into an
// error of the file parsed, so that the build reports it with the
// problems of the other reports and goes on with them.
func recoverParse(file string, doc **document.Document, problems *diag.List) {
	v := recover()
	if v == nil {
		return
	}
	*doc = nil
	problems.Errorf(diag.Pos{File: file}, "internal error while parsing: %v (please report)", parallel.Caught(v))
}
