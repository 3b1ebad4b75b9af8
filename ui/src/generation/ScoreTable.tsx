import type { Score } from '../api/types';

/** A score out of 100 with the rubric behind it. */
export function ScoreTable({ title, score }: { title: string; score: Score | null | undefined }) {
  if (!score) {
    return null;
  }
  const rubric = score.rubric ?? [];
  return (
    <div className="score">
      <p className="score__total">
        {title}: <strong>{score.total ?? '–'}</strong>/100
      </p>
      {rubric.length > 0 && (
        <div className="table-scroll">
          <table className="rubric">
            <caption className="visually-hidden">{title}, by criterion</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Points</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {rubric.map((item, i) => (
                <tr key={`${item.criterion ?? ''}-${i}`}>
                  <th scope="row">{humanize(item.criterion)}</th>
                  <td className="rubric__points">
                    {item.points ?? '–'}/{item.max_points ?? '–'}
                  </td>
                  <td>{item.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

const SPELLED_OUT: Record<string, string> = { cta: 'Call to action' };

/** `call_to_action` reads as "Call to action". */
export function humanize(word: string | null | undefined): string {
  if (!word) {
    return '';
  }
  if (SPELLED_OUT[word]) {
    return SPELLED_OUT[word];
  }
  const spaced = word.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
