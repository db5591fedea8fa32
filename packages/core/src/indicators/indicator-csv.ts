import { csvDocument } from '../shared/csv.ts';
import { INDICATOR_SECTION_LABELS_JA, indicatorRows } from './indicator-rows.ts';
import type { IndicatorReport } from './indicators.ts';

/** Shown in place of a suppressed count (秘匿). */
export const SUPPRESSED_MARK = '*';

/**
 * The report as CSV: UTF-8 with a byte-order mark (so Excel in Japan reads it as UTF-8, not
 * Shift_JIS), CRLF line ends, a title line with the period label, then one row per figure.
 */
export function indicatorsCsv(report: IndicatorReport, title = 'ひきこもり支援 モニタリング指標'): string {
  const scope =
    report.scope.kind === 'agency'
      ? `機関 ${report.scope.agencyId}`
      : report.scope.kind === 'municipality'
        ? `市町村 ${report.scope.municipalityCode}`
        : report.scope.kind === 'area'
          ? `圏域 ${report.scope.areaId}（${report.scope.municipalityCodes.join('・')}）`
          : '全体';
  const lines: string[][] = [
    [title, report.periodLabel, `${report.range.start}〜${report.range.end}`, scope],
    ...(report.publishing
      ? [[`公表用（1〜2件の値と、そこから逆算できる値は「${SUPPRESSED_MARK}」で秘匿）`]]
      : []),
    ['区分', '項目', '件数', 'section', 'key'],
    ...indicatorRows(report).map((row) => [
      INDICATOR_SECTION_LABELS_JA[row.section],
      row.labelJa,
      row.suppressed ? SUPPRESSED_MARK : String(row.value ?? ''),
      row.section,
      row.key,
    ]),
  ];
  if (report.targets.length > 0) {
    lines.push([], ['目標と実績', '項目', '目標', '実績', '達成率', 'indicator']);
    for (const t of report.targets)
      lines.push([
        '目標と実績',
        t.labelJa,
        String(t.target),
        t.actual === null ? SUPPRESSED_MARK : String(t.actual),
        t.rate === null ? '' : `${(t.rate * 100).toFixed(1)}%`,
        t.indicator,
      ]);
  }
  return csvDocument(lines);
}
