package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the tree at tmp in place of dest. When dest exists the two are
// exchanged atomically, leaving the previous site at tmp.
func swap(tmp, dest string) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	if err == nil {
		return nil
	}
	if errors.Is(err, unix.ENOENT) {
		return os.Rename(tmp, dest)
	}
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return swapByRename(tmp, dest)
	}
	return err
}
