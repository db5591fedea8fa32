import { useId } from 'react';
import { fiscalYearName } from '../app/dates.ts';
import { caseStateLabel } from '../i18n/labels.ts';

/**
 * Charts drawn as plain SVG: no chart library, nothing fetched, and each is an image with a text
 * alternative (its title and description), beside a table that holds the same figures.
 */

const DAY = 86_400_000;
const dayNumber = (date: string) =>
  Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY;
const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The person's stages from top (furthest) to bottom, with short names that fit an axis. */
const STAGE_LANES = [
  { value: 'SOCIAL_PARTICIPATION', short: '社会参加の試行' },
  { value: 'GROUP', short: '集団との再会' },
  { value: 'INDIVIDUAL', short: '個人的支援' },
  { value: 'ENCOUNTER', short: '出会い・評価' },
] as const;

const STATUS_FILL: Readonly<Record<string, string>> = {
  PAUSED: 'var(--paused)',
  CONTACT_LOST: 'var(--contact-lost)',
  CLOSED: 'var(--closed)',
};

export interface TimelineEntry {
  readonly to: string;
  readonly effectiveOn: string;
  readonly sequence: number;
}

interface Segment {
  readonly value: string;
  readonly from: number;
  readonly to: number;
}

/** Consecutive periods of a history up to `end`: same-day entries keep only the last (by sequence). */
function segments(entries: readonly TimelineEntry[], end: number): Segment[] {
  const ordered = [...entries].sort(
    (a, b) => a.effectiveOn.localeCompare(b.effectiveOn) || a.sequence - b.sequence,
  );
  return ordered.map((e, i) => ({
    value: e.to,
    from: dayNumber(e.effectiveOn),
    to: Math.max(
      dayNumber(e.effectiveOn),
      ordered[i + 1] ? dayNumber(ordered[i + 1]?.effectiveOn ?? '') : end,
    ),
  }));
}

/** Axis ticks: fiscal years (April 1) over long spans, months over short ones. */
function ticks(start: number, end: number): { day: number; label: string }[] {
  const startDate = dateOfDay(start);
  const endDate = dateOfDay(end);
  const result: { day: number; label: string }[] = [];
  if (end - start > 540) {
    for (let fy = +startDate.slice(0, 4); `${fy}-04-01` <= endDate; fy++)
      if (`${fy}-04-01` >= startDate)
        result.push({ day: dayNumber(`${fy}-04-01`), label: fiscalYearName(fy) });
    return result;
  }
  let y = +startDate.slice(0, 4);
  let m = +startDate.slice(5, 7);
  for (;;) {
    const date = `${y}-${String(m).padStart(2, '0')}-01`;
    if (date > endDate) break;
    if (date >= startDate) result.push({ day: dayNumber(date), label: `${m}月` });
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return result.filter((_, i, all) => all.length <= 12 || i % 2 === 0);
}

/** 支援段階と状態の推移: the person's stage as a step line over the case's status periods. */
export function StageTimeline(props: {
  readonly openedOn: string;
  readonly today: string;
  readonly stages: readonly TimelineEntry[];
  readonly statuses: readonly TimelineEntry[];
}) {
  const id = useId();
  const width = 760;
  const height = 220;
  const left = 120;
  const right = 16;
  const top = 12;
  const lane = 40;
  const start = dayNumber(props.openedOn);
  const end = Math.max(dayNumber(props.today), start + 30);
  const x = (day: number) => left + ((day - start) / (end - start)) * (width - left - right);
  const y = (stage: string) => top + lane * STAGE_LANES.findIndex((l) => l.value === stage) + lane / 2;
  const stageSegments = segments(props.stages, end);
  const statusSegments = segments(props.statuses, end).filter((s) => STATUS_FILL[s.value]);
  const path = stageSegments
    .map((s, i) => `${i === 0 ? 'M' : 'L'}${x(s.from).toFixed(1)},${y(s.value)} H${x(s.to).toFixed(1)}`)
    .join(' ');
  const chartBottom = top + lane * STAGE_LANES.length;
  const current = stageSegments.at(-1);
  const description = `受付から現在まで、本人の支援段階は${stageSegments.length}つの期間に分かれます。${
    statusSegments.length > 0
      ? `支援中以外の期間：${statusSegments.map((s) => `${caseStateLabel(s.value)}（${dateOfDay(s.from)}から）`).join('、')}。`
      : '支援中以外の期間はありません。'
  }`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>支援段階と状態の推移</title>
        <desc id={`${id}-d`}>{description}</desc>
        {statusSegments.map((s) => (
          <rect
            key={`${s.value}-${s.from}`}
            x={x(s.from)}
            y={top}
            width={Math.max(2, x(s.to) - x(s.from))}
            height={chartBottom - top}
            fill={STATUS_FILL[s.value]}
          />
        ))}
        {STAGE_LANES.map((l, i) => (
          <g key={l.value}>
            <line
              className="grid"
              x1={left}
              x2={width - right}
              y1={top + lane * i + lane / 2}
              y2={top + lane * i + lane / 2}
            />
            <text className="axis-label" x={left - 8} y={top + lane * i + lane / 2 + 4} textAnchor="end">
              {l.short}
            </text>
          </g>
        ))}
        {ticks(start, end).map((t) => (
          <g key={t.day}>
            <line className="tick" x1={x(t.day)} x2={x(t.day)} y1={chartBottom} y2={chartBottom + 5} />
            <text className="axis-label" x={x(t.day)} y={chartBottom + 18} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
        <path className="stage-line" d={path} />
        {current ? <circle className="stage-now" cx={x(current.to)} cy={y(current.value)} r={5} /> : null}
      </svg>
      <figcaption>
        <span className="legend legend--line">本人の支援段階</span>
        {Object.keys(STATUS_FILL).map((state) => (
          <span key={state} className="legend">
            <span className={`swatch swatch--${state.toLowerCase()}`} aria-hidden="true" />
            {caseStateLabel(state)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export interface Bar {
  readonly label: string;
  /** null: suppressed (small count not shown). */
  readonly value: number | null;
}

/** Horizontal bars with their figures written beside them. */
export function BarChart(props: { readonly title: string; readonly bars: readonly Bar[] }) {
  const id = useId();
  const width = 620;
  const left = 170;
  const row = 26;
  const max = Math.max(1, ...props.bars.map((b) => b.value ?? 0));
  const height = row * props.bars.length + 8;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{props.title}</title>
        <desc id={`${id}-d`}>
          {props.bars.map((b) => `${b.label} ${b.value === null ? '非表示' : `${b.value}件`}`).join('、')}
        </desc>
        {props.bars.map((b, i) => (
          <g key={b.label}>
            <text className="axis-label" x={left - 8} y={i * row + 18} textAnchor="end">
              {b.label}
            </text>
            <rect
              className="bar"
              x={left}
              y={i * row + 5}
              height={row - 10}
              width={((b.value ?? 0) / max) * (width - left - 60)}
            />
            <text
              className="bar-value"
              x={left + ((b.value ?? 0) / max) * (width - left - 60) + 6}
              y={i * row + 18}
            >
              {b.value === null ? '—' : b.value}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}

export interface DomainChange {
  readonly label: string;
  readonly before: number;
  readonly after: number;
}

/** アセスメントの比較: each domain's earlier and later score side by side. */
export function ComparisonChart(props: {
  readonly earlierLabel: string;
  readonly laterLabel: string;
  readonly domains: readonly DomainChange[];
}) {
  const id = useId();
  const width = 620;
  const left = 170;
  const group = 40;
  const max = Math.max(1, ...props.domains.flatMap((d) => [d.before, d.after]));
  const scale = (v: number) => (v / max) * (width - left - 50);
  const height = group * props.domains.length + 8;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>アセスメントの比較</title>
        <desc id={`${id}-d`}>
          {props.domains.map((d) => `${d.label}：${d.before}から${d.after}`).join('、')}
        </desc>
        {props.domains.map((d, i) => (
          <g key={d.label}>
            <text className="axis-label" x={left - 8} y={i * group + 22} textAnchor="end">
              {d.label}
            </text>
            <rect
              className="bar bar--before"
              x={left}
              y={i * group + 6}
              height={12}
              width={scale(d.before)}
            />
            <text className="bar-value" x={left + scale(d.before) + 6} y={i * group + 16}>
              {d.before}
            </text>
            <rect className="bar" x={left} y={i * group + 20} height={12} width={scale(d.after)} />
            <text className="bar-value" x={left + scale(d.after) + 6} y={i * group + 30}>
              {d.after}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <span className="legend">
          <span className="swatch swatch--before" aria-hidden="true" />
          {props.earlierLabel}
        </span>
        <span className="legend">
          <span className="swatch swatch--after" aria-hidden="true" />
          {props.laterLabel}
        </span>
      </figcaption>
    </figure>
  );
}
