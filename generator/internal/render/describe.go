package render

import (
	"fmt"
	"strings"
)

// describe is the meta description of a page other than a report's: one
// Chinese sentence saying what the page holds.
func (p *Page) describe() string {
	switch p.Kind {
	case "home":
		return fmt.Sprintf("%s收录%d个县（市、区）各部门的%d份法治政府建设年度报告，可按地区、年度和指标浏览，全文搜索，并下载开放数据。",
			p.Config.Title, len(p.Site.Counties), len(p.Site.Reports))
	case "regions":
		return fmt.Sprintf("按省、市、县浏览法治政府建设年度报告：%d个省级行政区，%d个县（市、区）。", len(p.Site.Provinces), len(p.Site.Counties))
	case "province":
		return fmt.Sprintf("%s%d个县（市、区）各部门的%d份法治政府建设年度报告。", p.Province.Name, len(p.Province.Counties), reportCount(p.Province))
	case "city":
		n := 0
		for _, c := range p.City.Counties {
			n += len(c.Reports)
		}
		return fmt.Sprintf("%s%s%d个县（市、区）各部门的%d份法治政府建设年度报告。", p.Province.Name, p.City.Name, len(p.City.Counties), n)
	case "county":
		c := p.County
		return fmt.Sprintf("%s%s%s%d个部门的%d份法治政府建设年度报告（%s年度）及历年数据。",
			c.Province.Name, strings.TrimSuffix(c.City.Name, c.Name), c.Label(), len(c.Agencies), len(c.Reports), yearSpan(c.Reports))
	case "years":
		return fmt.Sprintf("按年度浏览法治政府建设年度报告：%s年度共%d份，及每年未收录和逾期公开的报告。", yearSpan(p.Site.Reports), len(p.Site.Reports))
	case "year":
		return fmt.Sprintf("%d年度的%d份法治政府建设年度报告，发布是否按时，未收录和逾期公开的报告，以及主要数据。", p.Year.Year, len(p.Year.Reports))
	case "missing":
		m := p.Missing
		return fmt.Sprintf("%d年度未收录的报告（%d个部门有上一年度报告而无本年度报告）和%s后逾期公开的报告（%d份）。", m.Year, len(m.Absent), m.Deadline, len(m.Late))
	case "metrics":
		return fmt.Sprintf("法治政府建设年度报告中的%d项指标数据，按县（市、区）和年度比较，附原文出处。", len(p.Metrics))
	case "metric":
		return fmt.Sprintf("各县（市、区）报告中的“%s”数据，按年度比较，附原文出处。", p.Metric.Metric.Label)
	case "search":
		return "搜索全部法治政府建设年度报告的全文，可按地区、部门和年度筛选。"
	case "data":
		return "法治政府建设年度报告的开放数据：指标数据（CSV、JSON）和报告目录（JSON）的字段说明、许可协议和数据目录（DCAT）。"
	case "notfound":
		return "页面不存在：请从首页按地区、年度浏览，或搜索报告全文。"
	}
	return ""
}
