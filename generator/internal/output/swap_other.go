//go:build !linux

package output

// swap puts the tree at tmp in place of dest, leaving the previous site at
// tmp. Without an atomic exchange there is a moment between the two
// renames when dest does not exist.
func swap(tmp, dest string) error { return swapByRename(tmp, dest) }
