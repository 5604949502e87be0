package search

import (
	"fmt"
	"os"
	"sync"
)

// memFiles is an in-memory site for tests.
type memFiles struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newMemFiles() *memFiles { return &memFiles{files: map[string][]byte{}} }

func (m *memFiles) add(p string, b []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[p]; ok {
		return fmt.Errorf("%s written twice", p)
	}
	m.files[p] = b
	return nil
}

func (m *memFiles) read(p string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[p]
	if !ok {
		return nil, fmt.Errorf("%s: %w", p, os.ErrNotExist)
	}
	return b, nil
}
