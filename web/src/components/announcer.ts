// One polite live region for status lines ("Saved", "Moved to the trash") so screen readers hear them.
import { signalLike } from './signal';

export const announcement = signalLike('');

export function announce(text: string) {
  announcement.set('');
  setTimeout(() => announcement.set(text), 50);
}
