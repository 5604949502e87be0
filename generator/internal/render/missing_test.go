package render

import (
	"strings"
	"testing"

	"portal/generator/internal/site"
)

// The 未收录 view of each year: agencies with a report on the year before
// and none on the year, and reports published after 1 April of the year
// after (on the day itself is on time; undated is not late). It depends
// on the content only.
func TestMissingViews(t *testing.T) {
	s := testSite(t, 20)
	for _, tc := range []struct {
		year   int
		before bool
		absent []string
		late   []string
		asOf   string
	}{
		{2024, true, []string{"鲁山县司法局"}, []string{"丰都县信访局2024年度法治政府建设情况报告"}, "2025-04-01T00:00:00+08:00"},
		{2023, true, nil, []string{"鲁山县信访局2023年度法治政府建设情况报告"}, "2024-04-01T00:00:00+08:00"},
		{2022, false, nil, nil, "2023-04-01T00:00:00+08:00"},
	} {
		var m *Missing
		for _, y := range s.Years {
			if y.Year == tc.year {
				m = missingOf(missingViews(s), y)
			}
		}
		if m == nil {
			t.Fatalf("%d: no view", tc.year)
		}
		var absent, late []string
		for _, a := range m.Absent {
			absent = append(absent, a.Agency.FullName)
			if a.Previous.Meta.Year != tc.year-1 || a.Previous.Agency != a.Agency {
				t.Errorf("%d: %s: previous report %s", tc.year, a.Agency.FullName, a.Previous.URL)
			}
		}
		for _, r := range m.Late {
			late = append(late, r.Meta.Title)
		}
		if strings.Join(absent, "|") != strings.Join(tc.absent, "|") || strings.Join(late, "|") != strings.Join(tc.late, "|") ||
			m.Before != tc.before || m.asOf != tc.asOf {
			t.Errorf("%d: absent %q late %q before %v as of %s, want %q %q %v %s", tc.year, absent, late, m.Before, m.asOf, tc.absent, tc.late, tc.before, tc.asOf)
		}
		if m.URL != "years/"+itoa(tc.year)+"/missing/" || m.Feed().URL != m.URL+"atom.xml" {
			t.Errorf("%d: URL %s, feed %s", tc.year, m.URL, m.Feed().URL)
		}
		rule := m.Rule()
		for _, want := range []string{itoa(tc.year-1) + "年度报告而本平台没有其" + itoa(tc.year) + "年度报告", itoa(tc.year+1) + "年4月1日", "不随生成网站的日期变化"} {
			if !strings.Contains(rule, want) {
				t.Errorf("%d: the rule %q does not say %q", tc.year, rule, want)
			}
		}
	}
}

// A year page names at most yearListed agencies of each list, then says
// how many there are; the missing page lists them all.
func TestMissingShort(t *testing.T) {
	m := &Missing{Absent: make([]Absence, yearListed+5), Late: make([]*site.Report, 3)}
	if len(m.AbsentShort()) != yearListed || len(m.LateShort()) != 3 {
		t.Errorf("short lists of %d and %d", len(m.AbsentShort()), len(m.LateShort()))
	}
}
