import { useState } from 'react';
import { type AssessmentRowFragment, CompareAssessmentsDocument } from '../../api/generated/graphql.ts';
import { call } from '../../api/register.ts';
import { formatDate } from '../../app/dates.ts';
import { useQuery } from '../../app/use-query.ts';
import { ComparisonChart } from '../../components/charts.tsx';
import { SelectField } from '../../components/forms.tsx';
import { stageLabel } from '../../i18n/labels.ts';
import { errorMessage } from '../../i18n/messages.ts';

/** アセスメント: the list, and any two compared domain by domain (change is what staff need to see). */
export function AssessmentSection({
  assessments,
}: {
  readonly assessments: readonly AssessmentRowFragment[];
}) {
  // Newest first, as the API lists them: compare the latest with the one before by default.
  const [laterId, setLaterId] = useState(assessments[0]?.id ?? '');
  const [earlierId, setEarlierId] = useState(assessments[1]?.id ?? '');
  const comparison = useQuery(
    () =>
      earlierId && laterId && earlierId !== laterId
        ? call(CompareAssessmentsDocument, { earlierId, laterId })
        : Promise.resolve(null),
    `${earlierId}/${laterId}`,
  );
  if (assessments.length === 0) return <p>アセスメントの記録はありません。</p>;
  const nameOf = (id: string) => {
    const a = assessments.find((x) => x.id === id);
    return a ? `${formatDate(a.assessedOn)}（合計 ${a.total}）` : '';
  };
  const options = assessments.map((a) => ({ value: a.id, label: nameOf(a.id) }));
  const result = comparison.data?.compareAssessments;
  return (
    <>
      <table>
        <caption>アセスメントの記録（新しい順）</caption>
        <thead>
          <tr>
            <th scope="col">実施日</th>
            <th scope="col">合計</th>
            <th scope="col">段階の目安</th>
            <th scope="col">チェックリスト</th>
          </tr>
        </thead>
        <tbody>
          {assessments.map((a) => (
            <tr key={a.id}>
              <th scope="row">{formatDate(a.assessedOn)}</th>
              <td>{a.total}</td>
              <td>{stageLabel(a.stageHint) || '—'}</td>
              <td>
                {a.checklistId}（第{a.checklistVersion}版）
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {assessments.length >= 2 ? (
        <section aria-labelledby="compare-title">
          <h3 id="compare-title">アセスメントの比較</h3>
          <div className="inline-fields">
            <SelectField label="前回" options={options} value={earlierId} onChange={setEarlierId} />
            <SelectField label="今回" options={options} value={laterId} onChange={setLaterId} />
          </div>
          {comparison.error ? (
            <div className="alert" role="alert">
              {errorMessage(comparison.error)}
            </div>
          ) : null}
          {result ? (
            <>
              <p>
                合計 {result.totalBefore} → {result.totalAfter}（{result.totalDelta >= 0 ? '+' : ''}
                {result.totalDelta}）{result.sameVersion ? '' : ' ※チェックリストの版が異なります'}
                {result.raterChanged ? ' ※評価者の立場が異なります' : ''}
              </p>
              <ComparisonChart
                earlierLabel={`前回 ${nameOf(earlierId)}`}
                laterLabel={`今回 ${nameOf(laterId)}`}
                domains={result.domains.map((d) => ({
                  label: d.labelJa ?? d.domainId,
                  before: d.before,
                  after: d.after,
                }))}
              />
              <table>
                <caption>領域ごとの変化</caption>
                <thead>
                  <tr>
                    <th scope="col">領域</th>
                    <th scope="col">前回</th>
                    <th scope="col">今回</th>
                    <th scope="col">変化</th>
                  </tr>
                </thead>
                <tbody>
                  {result.domains.map((d) => (
                    <tr key={d.domainId}>
                      <th scope="row">{d.labelJa ?? d.domainId}</th>
                      <td>{d.before}</td>
                      <td>{d.after}</td>
                      <td>{d.delta >= 0 ? `+${d.delta}` : d.delta}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
