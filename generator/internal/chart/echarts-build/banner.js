/*!
 * Apache ECharts 6.1.0, a custom build for this site (bar and line charts;
 * grid, legend, tooltip; SVG renderer): see LICENSE and NOTICE beside this
 * file. Licensed to the Apache Software Foundation (ASF) under the Apache
 * License, Version 2.0. Bundles ZRender 6.1.0 (BSD 3-Clause,
 * licenses/LICENSE-zrender) and tslib 2.3.0 helpers (0BSD,
 * licenses/LICENSE-tslib).
 */
