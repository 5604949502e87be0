package output

import (
	"errors"
	"io/fs"
	"os"
)

// swapByRename moves dest aside and tmp into its place with two renames,
// then moves the previous site to tmp, where Commit keeps it as the spare
// tree or removes it.
func swapByRename(tmp, dest string) error {
	old := tmp + ".old"
	if err := os.Rename(dest, old); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return os.Rename(tmp, dest)
		}
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		return err
	}
	return os.Rename(old, tmp)
}
