import { useEffect, useState } from 'react';
import { describeFailure, estimateCost } from '../api/client';
import type { Estimate, EstimateItem } from '../api/types';
import { toBriefRequest, validateBrief, type BriefDraft } from './briefRules';

/** How long the brief must stay unchanged before it is priced: typing sends one request, not one a key. */
export const ESTIMATE_DELAY_MS = 400;

export type CostState =
  | { kind: 'incomplete' }
  | { kind: 'estimating' }
  | { kind: 'estimated'; estimate: Estimate }
  | { kind: 'failed'; message: string };

/** What the server says this brief would cost, asked again (debounced) whenever the brief or the number of images changes. */
export function useCostEstimate(draft: BriefDraft, images: number): CostState {
  const complete = Object.keys(validateBrief(draft)).length === 0;
  const body = complete ? JSON.stringify(toBriefRequest(draft)) : null;
  const [state, setState] = useState<CostState>({ kind: 'incomplete' });

  useEffect(() => {
    if (body === null) {
      setState({ kind: 'incomplete' });
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setState((previous) => (previous.kind === 'estimated' ? previous : { kind: 'estimating' }));
      estimateCost(JSON.parse(body), images, controller.signal).then(
        (estimate) => setState({ kind: 'estimated', estimate }),
        (error: unknown) => {
          if (!controller.signal.aborted) {
            setState({ kind: 'failed', message: describeFailure(error) });
          }
        },
      );
    }, ESTIMATE_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [body, images]);

  return state;
}

/** Why the ad cannot be created at this price, or null when it can. */
export function overBudgetReason(state: CostState): string | null {
  if (state.kind !== 'estimated' || state.estimate.within_budget) {
    return null;
  }
  const { estimate } = state;
  const budget = estimate.budget_usd == null ? '' : ` of ${dollars(estimate.budget_usd)} per ad`;
  if (estimate.total_usd == null) {
    return `The price of ${unpriced(estimate.items)} is not known, so this ad cannot be checked against the budget${budget}.`;
  }
  return `This ad could cost up to ${dollars(estimate.total_usd)}, over the budget${budget}. Choose a shorter ad.`;
}

/** Dollars to the cent, rounded up (the estimate is an upper bound); tiny amounts say so. */
export function dollars(usd: number): string {
  if (usd > 0 && usd < 0.01) {
    return 'less than $0.01';
  }
  return `$${(Math.ceil(Math.round(usd * 10_000) / 100) / 100).toFixed(2)}`;
}

function unpriced(items: EstimateItem[]): string {
  const models = [...new Set(items.filter((item) => item.usd == null).map((item) => `${item.model} (${item.provider})`))];
  return models.join(' and ');
}

function step(item: EstimateItem): string {
  return `${item.step}: ${item.quantity.toLocaleString('en-US')} ${item.unit}, ${item.provider} ${item.model}`;
}

/** The estimated cost on the new-ad form, beside the button that starts the ad. */
export function CostEstimate({ state }: { state: CostState }) {
  const reason = overBudgetReason(state);
  let summary: string;
  switch (state.kind) {
    case 'incomplete':
      summary = 'The estimated cost appears once the brief is complete.';
      break;
    case 'estimating':
      summary = 'Estimating the cost…';
      break;
    case 'failed':
      summary = `The cost could not be estimated: ${state.message}`;
      break;
    case 'estimated': {
      const { total_usd: total } = state.estimate;
      if (total === 0) {
        summary = 'Free — local providers';
      } else if (total == null) {
        summary = `Estimated cost unknown: no price for ${unpriced(state.estimate.items)}.`;
      } else {
        summary = `Estimated cost: up to ${dollars(total)}`;
      }
    }
  }
  const items = state.kind === 'estimated' ? state.estimate.items : [];
  return (
    <div className="cost-estimate" aria-live="polite">
      <p className={state.kind === 'estimated' ? undefined : 'muted'}>{summary}</p>
      {items.length > 0 && (
        <details>
          <summary>Cost by step</summary>
          <ul>
            {items.map((item) => (
              <li key={`${item.step} ${item.unit}`}>
                {step(item)}: {item.usd == null ? 'price unknown' : dollars(item.usd)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {reason && (
        <p id="cost-estimate-reason" className="form-error" role="alert">
          {reason}
        </p>
      )}
    </div>
  );
}
