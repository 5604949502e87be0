package site

import (
	"time"

	"portal/generator/internal/content"
)

// Deadline is the last day a report on year may be published: 1 April of
// the following year (法治政府建设与责任落实督察工作规定, art. 25:
// 每年4月1日之前向社会公开).
func Deadline(year int) content.Date { return content.Date{Year: year + 1, Month: time.April, Day: 1} }

// DaysLate says how many days after its Deadline a report was published:
// 0 or less for a report published on time; ok is false when the
// publication date is unknown.
func (r *Report) DaysLate() (days int, ok bool) {
	pub := r.Meta.Published
	if pub.IsZero() {
		return 0, false
	}
	d := Deadline(r.Meta.Year)
	day := time.Date(pub.Year, pub.Month, pub.Day, 0, 0, 0, 0, time.UTC)
	deadline := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return int(day.Sub(deadline).Hours() / 24), true
}
