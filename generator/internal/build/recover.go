package build

import (
	"portal/generator/internal/diag"
	"portal/generator/internal/parallel"
)

// InternalError is the error a build fails with when its code panicked,
// v being the value recovered: a bug, on some input, that must neither
// end serve nor pass unreported. It must be called by the deferred
// function that recovered (parallel.Caught).
func InternalError(v any) error {
	return diag.Errorf("internal error while building: %w (please report)", parallel.Caught(v))
}
