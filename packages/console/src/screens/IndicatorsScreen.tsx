import { indicatorsCsvParams } from '@hikikomori-register/client';
import { INDICATOR_SECTION_LABELS_JA, STAGE_LABELS_JA } from '@hikikomori-register/core';
import { useState } from 'react';
import { IndicatorFiguresDocument, type ReportingPeriodKind } from '../api/generated/graphql.ts';
import { call } from '../api/register.ts';
import { currentFiscalYear, fiscalYearName, formatDate, today } from '../app/dates.ts';
import { useQuery } from '../app/use-query.ts';
import { BarChart } from '../components/charts.tsx';
import { SelectField, TextField } from '../components/forms.tsx';
import { channelLabel } from '../i18n/labels.ts';
import { errorMessage } from '../i18n/messages.ts';

const PERIODS: { value: ReportingPeriodKind; label: string }[] = [
  { value: 'FISCAL_YEAR', label: '年度' },
  { value: 'FIRST_HALF', label: '上半期（4〜9月）' },
  { value: 'SECOND_HALF', label: '下半期（10〜3月）' },
  { value: 'MONTH', label: '月' },
  { value: 'RANGE', label: '任意の期間' },
];

/** The months of a fiscal year, April first. */
const monthsOf = (fiscalYear: number) =>
  Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    const year = month >= 4 ? fiscalYear : fiscalYear + 1;
    return { value: `${year}-${String(month).padStart(2, '0')}`, label: `${month}月` };
  });

const percent = (rate: number | null | undefined) => (rate == null ? '—' : `${(rate * 100).toFixed(1)}%`);

const figure = (cell: { value?: number | null; suppressed: boolean }) =>
  cell.suppressed ? '—' : String(cell.value ?? 0);

/**
 * モニタリング指標: the agency's own figures for a fiscal year, a half, a month or any period (任意の期間,
 * up to 366 days), with charts, the targets of the fiscal year (目標と実績) and the Excel CSV.
 */
export function IndicatorsScreen() {
  const thisYear = currentFiscalYear();
  const [fiscalYear, setFiscalYear] = useState(String(thisYear));
  const [kind, setKind] = useState<ReportingPeriodKind>('FISCAL_YEAR');
  const [month, setMonth] = useState(`${thisYear}-04`);
  const [from, setFrom] = useState(`${thisYear}-04-01`);
  const [to, setTo] = useState(today());
  const period =
    kind === 'MONTH'
      ? { kind, month }
      : kind === 'RANGE'
        ? { kind, from, to }
        : { kind, fiscalYear: Number(fiscalYear) };
  const query = { period, scope: { kind: 'AGENCY' as const }, publishing: false };
  const report = useQuery(
    () => call(IndicatorFiguresDocument, { period: query.period, scope: query.scope }),
    JSON.stringify(period),
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
        {kind === 'MONTH' ? (
          <SelectField label="月" options={monthsOf(Number(fiscalYear))} value={month} onChange={setMonth} />
        ) : null}
        {kind === 'RANGE' ? (
          <>
            <TextField label="開始日" type="date" value={from} onChange={setFrom} />
            <TextField label="終了日" type="date" value={to} onChange={setTo} hint="開始日から366日以内" />
          </>
        ) : null}
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
          {r.targets.length > 0 ? (
            <table>
              <caption>目標と実績（{fiscalYearName(Number(fiscalYear))}の目標）</caption>
              <thead>
                <tr>
                  <th scope="col">項目</th>
                  <th scope="col">目標</th>
                  <th scope="col">実績</th>
                  <th scope="col">達成率</th>
                </tr>
              </thead>
              <tbody>
                {r.targets.map((t) => (
                  <tr key={t.indicator}>
                    <th scope="row">{t.labelJa}</th>
                    <td className="number">{t.target}</td>
                    <td className="number">{t.actual ?? '—'}</td>
                    <td className="number">{percent(t.rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
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
