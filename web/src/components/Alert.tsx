import { ApiError } from '../api';

/** The problem's detail (or a generic line), read out by screen readers when it appears. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) {
    return null;
  }
  let text = 'Something went wrong. Try again.';
  if (error instanceof ApiError) {
    text = error.problem.detail || error.problem.title || text;
    if (error.status === 429 && error.retryAfter) {
      text += ` Try again in ${error.retryAfter} s.`;
    }
  } else if (error instanceof TypeError) {
    text = 'Atelier cannot be reached. Check your connection and try again.';
  }
  return <p class="alert" role="alert">{text}</p>;
}
