package output

import (
	"crypto/sha256"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"portal/generator/internal/diag"
)

// Sink receives the files of a build, one path at a time. Files (in
// memory) and Stage (on disk) are sinks.
type Sink interface {
	Add(p string, data []byte) error
}

// Entry describes one published file: what it holds and which file on
// disk holds it, so that a later build can tell whether it is still there
// unchanged.
type Entry struct {
	Hash  [sha256.Size]byte
	Size  int64
	Ino   uint64 // inode number; 0 where the system has none
	MTime int64  // modification time, Unix nanoseconds
}

// Manifest lists the files of a tree by slash path.
type Manifest map[string]Entry

// State is what a destination holds after a build: the published site,
// and beside it the spare tree, which is the site the build replaced. The
// next build brings the spare tree up to date and swaps it in, so that it
// touches only the files that changed. A tree is known by the inode of
// its root directory: a manifest is trusted only for the tree it was made
// for.
type State struct {
	Site      Manifest
	SiteRoot  uint64
	Spare     Manifest
	SpareRoot uint64
}

// sparePrefix starts the name of the spare tree beside the destination.
const sparePrefix = ".portal-spare-"

// Stage is a site being written. Files go to disk as they are added, so
// that a build never holds its output in memory, and Commit swaps the new
// site in place of the destination in one atomic exchange; Abort throws
// it away. At every moment the destination is either the complete
// previous site or the complete new one.
//
// When the spare tree is known, the Stage patches it: a file the spare
// tree already holds with the same bytes is left alone, a file the
// published site holds is hard-linked from there, and only other files
// are written (into a flat staging directory until Commit). Otherwise the
// Stage writes a new tree, hard-linking unchanged files from the
// published site. A file is reused only if it is still on disk as the
// build that wrote it left it: same inode, size and modification time. A
// Stage is safe for concurrent use.
type Stage struct {
	dest, spare string
	tmp         string // the new tree, or when patching the staging directory
	patch       bool
	prev        Manifest // of dest; nil when unknown
	prevSpare   Manifest // of the spare tree when patching

	stale     []string // trees left by interrupted builds, removed at the end
	spareRoot uint64   // inode of the spare tree when patching
	// spareList is the spare tree's listing, walked while the build goes
	// on (the build writes nothing there before Commit).
	spareList chan treeListing
	unlock    func() // releases the lock on the destination's directory

	mu      sync.Mutex
	next    Manifest
	todo    map[string]string // patching: path → staged file, or "" to link from dest
	seq     int
	dirs    map[string]bool
	written []string // files written (not reused), for syncing
	linked  int
	size    int64
}

// Begin starts a new site for dest. prev is what the previous build left,
// or the zero State when unknown; it is only a hint, checked file by file.
// A symbolic link dest is followed: the site is published where it
// points. Begin refuses a dest, or a spare tree beside it, that the
// generator did not make (Owned). Leftovers of interrupted builds, and a
// spare tree that prev does not describe, are removed at the end (Commit
// or Abort).
func Begin(dest string, prev State) (*Stage, error) {
	real, err := RealPath(dest)
	if err != nil {
		return nil, diag.Errorf("publish %s: %w", dest, err)
	}
	dest = real
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	s := &Stage{dest: dest, spare: SpareOf(dest), next: Manifest{}, todo: map[string]string{}}
	for _, dir := range []string{dest, s.spare} {
		if err := Owned(dir); err != nil {
			return nil, diag.Errorf("publish %s: %s %w", dest, dir, err)
		}
	}
	if err := mkdirAll(parent); err != nil {
		return nil, err
	}
	s.unlock = lockDir(parent)
	s.stale = staleTrees(parent, base)
	if isRoot(dest, prev.SiteRoot) {
		s.prev = prev.Site
	}
	// A spare tree prev does not describe is removed at Commit, not now:
	// on some file systems (ext4 without a journal) creating files soon
	// after deleting many is several times slower.
	if prev.Spare != nil && isRoot(s.spare, prev.SpareRoot) {
		s.patch, s.prevSpare, s.spareRoot = true, prev.Spare, prev.SpareRoot
		s.spareList = make(chan treeListing, 1)
		go func() { s.spareList <- listTree(s.spare) }()
	}
	tmp, err := os.MkdirTemp(parent, tempPrefix+base+"-")
	if err != nil {
		s.unlock()
		return nil, err
	}
	// The tree is marked first, so that it is removed as the generator's
	// if the build dies.
	if err := chmodMark(tmp); err != nil {
		os.RemoveAll(tmp)
		s.unlock()
		return nil, err
	}
	// MkdirTemp gives "./.portal-tmp-…" for a relative dest; the clean
	// form is the prefix of every path joined below it.
	s.tmp = filepath.Clean(tmp)
	s.dirs = map[string]bool{s.tmp: true}
	if !s.patch {
		s.written = []string{filepath.Join(s.tmp, Marker)}
	}
	return s, nil
}

// chmodMark gives the new directory dir the site's permissions and
// writes the Marker into it.
func chmodMark(dir string) error {
	if err := os.Chmod(dir, dirPerm); err != nil {
		return err
	}
	return writeMarker(dir)
}

// isRoot reports whether dir is the directory with inode ino.
func isRoot(dir string, ino uint64) bool {
	fi, err := os.Lstat(dir)
	return err == nil && ino != 0 && fi.IsDir() && inode(fi) == ino
}

// onDisk reports whether the file name is still the one e describes: same
// inode, size and modification time, and the site's permissions.
func onDisk(name string, e Entry) bool {
	fi, err := os.Lstat(name)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm() == filePerm && e.Ino != 0 &&
		inode(fi) == e.Ino && fi.Size() == e.Size && fi.ModTime().UnixNano() == e.MTime
}

// Add writes one file of the new site. The path must pass CheckPath, and
// adding the same path twice is an error.
func (s *Stage) Add(p string, data []byte) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	s.mu.Lock()
	_, dup := s.next[p]
	s.next[p] = Entry{} // reserved until written
	s.mu.Unlock()
	if dup {
		return diag.Errorf("output %s: written twice", p)
	}
	e := Entry{Hash: sha256.Sum256(data), Size: int64(len(data))}
	if old, ok := s.reuse(p, e.Hash); ok {
		s.done(p, old, true)
		return nil
	}
	name, err := s.target(p)
	if err != nil {
		return err
	}
	if err := os.WriteFile(name, data, filePerm); err != nil {
		return err
	}
	fi, err := os.Lstat(name)
	if err != nil {
		return err
	}
	if err := fixPerm(name, fi); err != nil {
		return err
	}
	e.Ino, e.MTime = inode(fi), fi.ModTime().UnixNano()
	s.mu.Lock()
	s.written = append(s.written, name)
	if s.patch {
		s.todo[p] = name
	}
	s.mu.Unlock()
	s.done(p, e, false)
	return nil
}

// reuse takes p with the given hash from the trees on disk if one holds
// it unchanged: when patching, the spare tree (nothing to do) or the
// published site (linked at Commit); otherwise the published site, linked
// into the new tree now. It returns the entry of the file reused.
func (s *Stage) reuse(p string, hash [sha256.Size]byte) (Entry, bool) {
	rel := filepath.FromSlash(p)
	if s.patch {
		if e, ok := s.prevSpare[p]; ok && e.Hash == hash && onDisk(filepath.Join(s.spare, rel), e) {
			return e, true
		}
	}
	e, ok := s.prev[p]
	if !ok || e.Hash != hash || !onDisk(filepath.Join(s.dest, rel), e) {
		return Entry{}, false
	}
	if s.patch {
		s.mu.Lock()
		s.todo[p] = ""
		s.mu.Unlock()
		return e, true
	}
	name := filepath.Join(s.tmp, rel)
	if s.mkdirFor(name) != nil || os.Link(filepath.Join(s.dest, rel), name) != nil {
		return Entry{}, false
	}
	return e, true
}

// target is where a new file for p is written: its place in the new
// tree, or when patching the next name in the staging directory.
func (s *Stage) target(p string) (string, error) {
	if s.patch {
		s.mu.Lock()
		s.seq++
		name := filepath.Join(s.tmp, strconv.Itoa(s.seq))
		s.mu.Unlock()
		return name, nil
	}
	name := filepath.Join(s.tmp, filepath.FromSlash(p))
	return name, s.mkdirFor(name)
}

// done records p's entry.
func (s *Stage) done(p string, e Entry, reused bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next[p] = e
	s.size += e.Size
	if reused {
		s.linked++
	}
}

// mkdirFor creates the directory of the file name and its parents, each
// once: one mkdir per new directory, no stat of the known ones.
func (s *Stage) mkdirFor(name string) error {
	return s.mkdir(filepath.Dir(name))
}

func (s *Stage) mkdir(dir string) error {
	s.mu.Lock()
	done := s.dirs[dir]
	s.mu.Unlock()
	if done {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir && strings.HasPrefix(parent, s.tmp) {
		if err := s.mkdir(parent); err != nil {
			return err
		}
	}
	if err := mkdir(dir); err != nil {
		return err
	}
	s.mu.Lock()
	s.dirs[dir] = true
	s.mu.Unlock()
	return nil
}

// Len is the number of files added.
func (s *Stage) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.next)
}

// Size is the total number of bytes added.
func (s *Stage) Size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.size
}

// Linked is the number of files taken unchanged from the previous trees:
// linked from the published site, or left in place in the spare tree.
func (s *Stage) Linked() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.linked
}

// Commit makes the new site durable and swaps it in place of dest; the
// site it replaces becomes the spare tree. It returns the new State.
func (s *Stage) Commit() (State, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tree := s.tmp
	if s.patch {
		tree = s.tmp + "-tree" // removed as a leftover if the build dies
		if err := s.applyPatch(tree); err != nil {
			removeTree(tree)
			s.abort()
			return State{}, diag.Errorf("publish %s: %w", s.dest, err)
		}
	}
	dirs := make([]string, 0, len(s.dirs))
	for d := range s.dirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	if err := syncTree(tree, s.written, dirs); err != nil {
		if tree != s.tmp {
			removeTree(tree)
		}
		s.abort()
		return State{}, diag.Errorf("publish %s: %w", s.dest, err)
	}
	if err := swap(tree, s.dest); err != nil {
		if tree != s.tmp {
			removeTree(tree)
		}
		s.abort()
		return State{}, diag.Errorf("publish %s: %w", s.dest, err)
	}
	syncDir(filepath.Dir(s.dest))
	st := State{Site: s.next, SiteRoot: rootInode(s.dest)}
	// tree now holds the replaced site, if there was one: kept as the
	// spare tree when its manifest is known, with only the files the new
	// site has unchanged (a withdrawn report is gone at once).
	// Leftovers are not errors: the site is published, and the next
	// build removes them.
	if !s.patch {
		removeTree(s.spare) // unknown, or absent
	}
	if _, err := os.Lstat(tree); err == nil {
		if s.prev == nil {
			removeTree(tree)
		} else if spare, err := prune(tree, s.prev, s.next); err != nil || os.Rename(tree, s.spare) != nil {
			removeTree(tree)
		} else {
			st.Spare, st.SpareRoot = spare, rootInode(s.spare)
		}
	}
	os.RemoveAll(s.tmp)
	s.tmp = ""
	s.removeStale()
	s.unlock()
	s.unlock = func() {}
	return st, nil
}

// prune removes from tree, a site of manifest old, every file that next
// lacks or holds with other bytes, and the directories that next has no
// file in once empty (those of changed files stay, for the next build's
// patch). A directory of tree replaced by a symbolic link is removed as
// a link, never followed. It returns the manifest of what is left.
func prune(tree string, old, next Manifest) (Manifest, error) {
	kept := Manifest{}
	var gone []string
	dirs := map[string]bool{tree: true} // realDir's answers
	for p, e := range old {
		if n, ok := next[p]; ok && n.Hash == e.Hash {
			kept[p] = e
			continue
		}
		if CheckPath(p) != nil { // a damaged manifest: nothing outside tree
			continue
		}
		name := filepath.Join(tree, filepath.FromSlash(p))
		if !realDir(dirs, filepath.Dir(name)) {
			continue
		}
		if err := os.Remove(name); err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		if _, ok := next[p]; !ok {
			gone = append(gone, p)
		}
	}
	if len(gone) > 0 {
		needed := neededDirs(next)
		emptied := map[string]bool{}
		for _, p := range gone {
			for d := path.Dir(p); d != "." && !needed[d]; d = path.Dir(d) {
				emptied[filepath.Join(tree, filepath.FromSlash(d))] = true
			}
		}
		removeEmptyDirs(emptied)
	}
	return kept, nil
}

// neededDirs is the set of the directories of the files of m, by slash
// path.
func neededDirs(m Manifest) map[string]bool {
	needed := map[string]bool{}
	for p := range m {
		for d := path.Dir(p); d != "." && !needed[d]; d = path.Dir(d) {
			needed[d] = true
		}
	}
	return needed
}

// realDir reports whether dir, below a root that dirs holds as true, is a
// directory with no symbolic link on the way from the root. A link or
// file found where a directory should be is removed, never followed.
// dirs records the answers.
func realDir(dirs map[string]bool, dir string) bool {
	if ok, seen := dirs[dir]; seen {
		return ok
	}
	ok := false
	if parent := filepath.Dir(dir); parent != dir && realDir(dirs, parent) {
		fi, err := os.Lstat(dir)
		switch {
		case err == nil && fi.IsDir():
			ok = true
		case err == nil:
			os.Remove(dir) // a link or file of the tree, not followed
		}
	}
	dirs[dir] = ok
	return ok
}

// removeStale removes the trees interrupted builds left.
func (s *Stage) removeStale() {
	for _, t := range s.stale {
		removeTree(t)
	}
	s.stale = nil
}

// applyPatch turns the spare tree into the new site under the name tree:
// files the new site lacks are removed, then changed files are moved in
// from the staging directory or linked from dest. It leaves in s.written
// and s.dirs what Commit must make durable.
func (s *Stage) applyPatch(tree string) error {
	found := <-s.spareList
	if err := os.Rename(s.spare, tree); err != nil {
		return err
	}
	if rootInode(tree) != s.spareRoot {
		os.Rename(tree, s.spare) // not the generator's to patch: put back
		return diag.Errorf("the spare tree %s was replaced during the build; build again", s.spare)
	}
	if found.err != nil {
		return found.err
	}
	if err := s.fixTree(tree, found.badDirs); err != nil {
		return err
	}
	// What the new site lacks: files of the spare tree's manifest, and
	// anything else found in the tree.
	var gone []string
	for p := range s.prevSpare {
		if _, ok := s.next[p]; !ok && CheckPath(p) == nil {
			gone = append(gone, p)
		}
	}
	// Directories the new site has no file in are removed once empty.
	needed := neededDirs(s.next)
	emptied := map[string]bool{}
	for _, p := range found.dirs {
		if !needed[p] {
			emptied[filepath.Join(tree, filepath.FromSlash(p))] = true
		}
	}
	for _, p := range found.files {
		if _, ok := s.prevSpare[p]; !ok && p != Marker {
			gone = append(gone, p)
		}
	}
	sort.Strings(gone)
	for _, p := range gone {
		name := filepath.Join(tree, filepath.FromSlash(p))
		if err := os.Remove(name); err != nil && !os.IsNotExist(err) {
			return err
		}
		for d := filepath.Dir(name); d != tree && strings.HasPrefix(d, tree); d = filepath.Dir(d) {
			emptied[d] = true
		}
	}
	removeEmptyDirs(emptied)
	// What syncTree must make durable: the files moved in, and the
	// directories whose entries changed.
	s.dirs = map[string]bool{tree: true}
	for _, p := range gone {
		s.dirs[filepath.Dir(filepath.Join(tree, filepath.FromSlash(p)))] = true
	}
	paths := make([]string, 0, len(s.todo))
	for p := range s.todo {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	made := map[string]bool{}
	for _, p := range paths {
		name := filepath.Join(tree, filepath.FromSlash(p))
		if dir := filepath.Dir(name); !made[dir] {
			if err := mkdirAll(dir); err != nil {
				return err
			}
			made[dir] = true
		}
		from := s.todo[p]
		copied := false
		if from == "" {
			s.seq++
			from = filepath.Join(s.tmp, "l"+strconv.Itoa(s.seq))
			var err error
			if copied, err = linkOrCopy(filepath.Join(s.dest, filepath.FromSlash(p)), from); err != nil {
				return err
			}
		}
		if err := os.Rename(from, name); err != nil {
			return err
		}
		s.written = append(s.written, name)
		s.dirs[filepath.Dir(name)] = true
		if copied { // a file of its own: record it
			fi, err := os.Lstat(name)
			if err != nil {
				return err
			}
			e := s.next[p]
			e.Ino, e.MTime = inode(fi), fi.ModTime().UnixNano()
			s.next[p] = e
		}
	}
	return nil
}

// fixTree readies the spare tree, renamed tree, to become the site: its
// root and the directories badDirs get the site's permissions, and the
// Marker is written if it went missing. It starts s.written, the files
// Commit makes durable.
func (s *Stage) fixTree(tree string, badDirs []string) error {
	s.written = s.written[:0]
	for _, d := range append([]string{"."}, badDirs...) {
		if err := os.Chmod(filepath.Join(tree, filepath.FromSlash(d)), dirPerm); err != nil {
			return err
		}
	}
	marker := filepath.Join(tree, Marker)
	if fi, err := os.Lstat(marker); err == nil && fi.Mode().IsRegular() {
		return nil
	}
	if err := os.RemoveAll(marker); err != nil {
		return err
	}
	s.written = append(s.written, marker)
	return writeMarker(tree)
}

// treeListing is what a walk of a tree found: the slash paths of its
// directories and of everything else, below its root, and of the
// directories without the site's permissions.
type treeListing struct {
	dirs, files, badDirs []string
	err                  error
}

// listTree lists the tree at root.
func listTree(root string) treeListing {
	var l treeListing
	l.err = filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
		if err != nil || name == root {
			return err
		}
		p := filepath.ToSlash(name[len(root)+1:])
		if d.IsDir() {
			l.dirs = append(l.dirs, p)
			if fi, err := d.Info(); err == nil && fi.Mode().Perm() != dirPerm {
				l.badDirs = append(l.badDirs, p)
			}
		} else {
			l.files = append(l.files, p)
		}
		return nil
	})
	return l
}

// linkOrCopy hard-links old to name, or where that fails (a file system
// without hard links, a file of another owner) copies it. It reports
// whether it copied.
func linkOrCopy(old, name string) (bool, error) {
	if os.Link(old, name) == nil {
		return false, nil
	}
	in, err := os.Open(old)
	if err != nil {
		return false, err
	}
	defer in.Close()
	out, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
	if err != nil {
		return false, err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Chmod(filePerm)
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return true, err
}

// removeEmptyDirs removes those of dirs that are empty, deepest first.
func removeEmptyDirs(dirs map[string]bool) {
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	sort.Slice(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	for _, d := range list {
		os.Remove(d) // fails, as it should, when not empty
	}
}

// rootInode is the inode of the directory dir, or 0.
func rootInode(dir string) uint64 {
	fi, err := os.Lstat(dir)
	if err != nil {
		return 0
	}
	return inode(fi)
}

// Abort removes the unfinished tree; dest and the spare tree are left as
// they were.
func (s *Stage) Abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.abort()
}

func (s *Stage) abort() {
	if s.tmp != "" {
		os.RemoveAll(s.tmp)
		s.tmp = ""
	}
	s.removeStale()
	s.unlock()
	s.unlock = func() {}
}

// Keep takes p unchanged from the previous trees when one of them holds
// it with the given hash, still on disk as the build that wrote it left
// it. It reports whether it did; if not, the caller adds p.
func (s *Stage) Keep(p string, hash [sha256.Size]byte) bool {
	if CheckPath(p) != nil {
		return false
	}
	s.mu.Lock()
	if _, dup := s.next[p]; dup {
		s.mu.Unlock()
		return false
	}
	s.next[p] = Entry{} // reserved
	s.mu.Unlock()
	if e, ok := s.reuse(p, hash); ok {
		s.done(p, e, true)
		return true
	}
	s.mu.Lock()
	delete(s.next, p)
	s.mu.Unlock()
	return false
}

// Reuse takes the files paths unchanged from the previous site, as a
// group: only if every one of them is still on disk as the previous build
// left it. It reports whether they were; if not, nothing was added and
// the caller writes them anew.
func (s *Stage) Reuse(paths []string) bool {
	s.mu.Lock()
	for _, p := range paths {
		if _, dup := s.next[p]; dup || CheckPath(p) != nil {
			s.mu.Unlock()
			return false
		}
		if _, ok := s.prev[p]; !ok {
			s.mu.Unlock()
			return false
		}
	}
	s.mu.Unlock()
	entries := make([]Entry, len(paths))
	for i, p := range paths {
		e, ok := s.reuse(p, s.prev[p].Hash)
		if !ok {
			s.undo(paths[:i+1])
			return false
		}
		entries[i] = e
	}
	for i, p := range paths {
		s.done(p, entries[i], true)
	}
	return true
}

// undo forgets what reuse did for paths: links made into the new tree
// and links planned for Commit.
func (s *Stage) undo(paths []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range paths {
		delete(s.todo, p)
		if !s.patch {
			os.Remove(filepath.Join(s.tmp, filepath.FromSlash(p)))
		}
	}
}

// Has reports whether the stage holds p.
func (s *Stage) Has(p string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.next[p]
	return ok
}
