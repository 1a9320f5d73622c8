export { plotlyLibHtml, figureHtml, plotlySourceCode, type Figure, type FigureHtmlOptions } from './plotly.js';
export { tableHtml, frameHtml, tableColumns, type TableLike, type Row } from './table.js';
export { toCsv } from './csv.js';
export { escapeHtml, formatCell } from './html.js';
export { Report, type ReportOptions, type WrittenReport } from './report.js';
export { FigureExporter, exportFigure, launchChromium, chromiumPath, CHROMIUM_ARGS, type ImageOptions } from './png.js';
export { lineChart, histogram, barChart, depthChart, type Series, type DepthLevels } from './charts.js';
export { writeFileAtomic } from './files.js';
export { toFrame, danfojs } from './frame.js';
