//go:build race

package divisions

// raceEnabled relaxes timing checks under the race detector.
const raceEnabled = true
