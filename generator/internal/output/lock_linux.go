package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockDir takes an exclusive lock on the directory dir, waiting for it, so
// that two builds of one destination do not patch the same trees. The lock
// is advisory and best effort: where the file system cannot lock, builds
// go on without it. The returned function releases it.
func lockDir(dir string) func() {
	f, err := os.Open(dir)
	if err != nil {
		return func() {}
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if err != unix.EINTR {
			break
		}
	}
	return func() {
		if err == nil {
			unix.Flock(int(f.Fd()), unix.LOCK_UN)
		}
		f.Close()
	}
}
