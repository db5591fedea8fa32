import { indicatorsCsvParams } from '@hikikomori-register/client';
import { INDICATOR_SECTION_LABELS_JA, STAGE_LABELS_JA } from '@hikikomori-register/core';
import { useState } from 'react';
import { IndicatorFiguresDocument, type ReportingPeriodKind } from '../api/generated/graphql.ts';
import { call } from '../api/register.ts';
import { currentFiscalYear, fiscalYearName, formatDate } from '../app/dates.ts';
import { useQuery } from '../app/use-query.ts';
import { BarChart } from '../components/charts.tsx';
import { SelectField } from '../components/forms.tsx';
import { channelLabel } from '../i18n/labels.ts';
import { errorMessage } from '../i18n/messages.ts';

const PERIODS: { value: ReportingPeriodKind; label: string }[] = [
  { value: 'FISCAL_YEAR', label: '年度' },
  { value: 'FIRST_HALF', label: '上半期（4〜9月）' },
  { value: 'SECOND_HALF', label: '下半期（10〜3月）' },
];

const figure = (cell: { value?: number | null; suppressed: boolean }) =>
  cell.suppressed ? '—' : String(cell.value ?? 0);

/** モニタリング指標: the agency's own figures for a fiscal year or half, with charts and the Excel CSV. */
export function IndicatorsScreen() {
  const thisYear = currentFiscalYear();
  const [fiscalYear, setFiscalYear] = useState(String(thisYear));
  const [kind, setKind] = useState<ReportingPeriodKind>('FISCAL_YEAR');
  const query = {
    period: { fiscalYear: Number(fiscalYear), kind },
    scope: { kind: 'AGENCY' as const },
    publishing: false,
  };
  const report = useQuery(
    () => call(IndicatorFiguresDocument, { period: query.period, scope: query.scope }),
    `${fiscalYear}/${kind}`,
  );
  const r = report.data?.indicators;
  const csvHref = `/indicators.csv?${new URLSearchParams(indicatorsCsvParams(query))}`;
  const sections = r ? [...new Set(r.rows.map((row) => row.section))] : [];
  return (
    <>
      <h1>モニタリング指標</h1>
      <div className="inline-fields">
        <SelectField
          label="年度"
          options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({
            value: String(y),
            label: fiscalYearName(y),
          }))}
          value={fiscalYear}
          onChange={setFiscalYear}
        />
        <SelectField
          label="期間"
          options={PERIODS}
          value={kind}
          onChange={(v) => setKind(v as ReportingPeriodKind)}
        />
        <a className="button" href={csvHref} download>
          CSVをダウンロード（Excel用）
        </a>
      </div>
      {report.error ? (
        <div className="alert" role="alert">
          {errorMessage(report.error)}
        </div>
      ) : null}
      {r ? (
        <>
          <h2>
            {r.periodLabel}（{formatDate(r.start)}〜{formatDate(r.end)}）
          </h2>
          <dl className="figures">
            <div>
              <dt>新規相談（実件数）</dt>
              <dd>{figure(r.consultations.newCases)}</dd>
            </div>
            <div>
              <dt>継続</dt>
              <dd>{figure(r.consultations.continuingCases)}</dd>
            </div>
            <div>
              <dt>相談実件数</dt>
              <dd>{figure(r.consultations.cases)}</dd>
            </div>
          </dl>
          <div className="chart-row">
            <BarChart
              title="方法別の相談・支援件数（延べ）"
              bars={r.contactsByChannel.map((c) => ({
                label: channelLabel(c.channel),
                value: c.count.suppressed ? null : (c.count.value ?? 0),
              }))}
            />
            <BarChart
              title="期末時点の支援段階（実件数）"
              bars={r.stagesAtEnd.map((s) => ({
                label: STAGE_LABELS_JA[s.stage as keyof typeof STAGE_LABELS_JA] ?? s.stage,
                value: s.count.suppressed ? null : (s.count.value ?? 0),
              }))}
            />
          </div>
          {sections.map((section) => (
            <table key={section}>
              <caption>
                {INDICATOR_SECTION_LABELS_JA[section as keyof typeof INDICATOR_SECTION_LABELS_JA] ?? section}
              </caption>
              <tbody>
                {r.rows
                  .filter((row) => row.section === section)
                  .map((row) => (
                    <tr key={row.key}>
                      <th scope="row">{row.labelJa}</th>
                      <td className="number">{figure(row.cell)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ))}
        </>
      ) : (
        <p className="loading">読み込み中…</p>
      )}
    </>
  );
}
