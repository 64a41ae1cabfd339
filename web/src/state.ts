import type { User } from './api';
import { signalLike } from './components/signal';
import { api, type Credits } from './model';

/** undefined while the app finds out whether the refresh cookie still holds a session. */
export const session = signalLike<User | null | undefined>(undefined);
export const credits = signalLike<Credits | null>(null);

export async function reloadCredits(): Promise<void> {
  try {
    credits.set(await api.credits());
  } catch {
    // the header keeps the last figure; the screen that needs it shows the error
  }
}
