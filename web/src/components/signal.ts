import { useEffect, useState } from 'preact/hooks';

/** A tiny observable value shared across components. */
export interface Shared<T> {
  get(): T;
  set(value: T): void;
  use(): T;
}

export function signalLike<T>(initial: T): Shared<T> {
  let value = initial;
  const listeners = new Set<(v: T) => void>();
  return {
    get: () => value,
    set: (next: T) => {
      value = next;
      listeners.forEach((l) => l(next));
    },
    use: function use() {
      const [current, setCurrent] = useState(value);
      useEffect(() => {
        listeners.add(setCurrent);
        setCurrent(value);
        return () => {
          listeners.delete(setCurrent);
        };
      }, []);
      return current;
    },
  };
}
