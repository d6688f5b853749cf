import type { ReviewService } from '../services/review/review-service';
import type { Handlers } from './handle';

export function reviewHandlers(review: ReviewService): Pick<Handlers, 'review:open' | 'review:export' | 'review:pdf' | 'review:diff' | 'review:overview' | 'review:overviewCsv'> {
  return {
    'review:open': (source) => review.open(source),
    'review:export': ({ source, format }) => review.export(source, format),
    'review:pdf': ({ source }) => review.pdf(source),
    'review:diff': async ({ before, after }) => ({ changes: await review.diff(before, after) }),
    'review:overview': () => review.overview(),
    'review:overviewCsv': () => review.overviewCsv(),
  };
}
