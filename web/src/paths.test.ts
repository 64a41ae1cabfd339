import { describe, expect, it } from 'vitest';
import { query } from './api';
import { match } from './paths';

describe('match', () => {
  it('names the segments of a pattern', () => {
    expect(match('/images/:id', '/images/8d7f5a64')).toEqual({ id: '8d7f5a64' });
    expect(match('/jobs/:id', '/jobs/a%20b')).toEqual({ id: 'a b' });
  });
  it('refuses other paths and other depths', () => {
    expect(match('/images/:id', '/images')).toBeNull();
    expect(match('/images/:id', '/images/1/content')).toBeNull();
    expect(match('/images/:id', '/jobs/1')).toBeNull();
    expect(match('/images/:id', '/images/%E0%A4%A')).toBeNull();
  });
});

describe('query', () => {
  it('leaves out blank values and repeats arrays', () => {
    expect(query({ q: 'red kite', style: '', cursor: null, tag: ['sea', 'fog'], limit: 24 }))
      .toBe('?q=red+kite&tag=sea&tag=fog&limit=24');
    expect(query({ cursor: undefined })).toBe('');
  });
});
