import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorAlert } from '../components/Alert';
import { Thumb } from '../components/Thumb';
import { useTitle } from '../components/useTitle';
import { api, EMOTIONS, STYLES, type GalleryFilters, type ImageItem } from '../model';
import { Link, navigate } from '../router';

const FILTER_KEYS: (keyof GalleryFilters)[] = ['q', 'style', 'emotion', 'tag', 'favorite', 'from', 'to'];

function filtersOf(params: URLSearchParams): GalleryFilters {
  const filters: GalleryFilters = {};
  FILTER_KEYS.forEach((key) => {
    const value = params.get(key);
    if (value) {
      filters[key] = value;
    }
  });
  return filters;
}

/** The caller's images, newest first (or by relevance when searching), loaded page by page as the grid scrolls. */
export function Gallery({ params }: { params: URLSearchParams }) {
  useTitle('Gallery');
  const filters = filtersOf(params);
  const key = JSON.stringify(filters);
  const [items, setItems] = useState<ImageItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const sentinel = useRef<HTMLDivElement>(null);

  const load = async (from: string | null, reset: boolean) => {
    const mine = reset ? ++generation.current : generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await api.images(filters, from);
      if (mine !== generation.current) {
        return;
      }
      setItems((current) => (reset ? page.items : [...current, ...page.items]));
      setCursor(page.nextCursor);
      setDone(!page.nextCursor);
    } catch (e) {
      if (mine === generation.current) {
        setError(e);
      }
    } finally {
      if (mine === generation.current) {
        setLoading(false);
      }
    }
  };

  useEffect(() => {
    setItems([]);
    setDone(false);
    void load(null, true);
  }, [key]);

  // Infinite scroll: the next page loads when the sentinel under the grid comes near the viewport.
  useEffect(() => {
    const target = sentinel.current;
    if (!target || done || loading || error) {
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        void load(cursor, false);
      }
    }, { rootMargin: '400px' });
    observer.observe(target);
    return () => observer.disconnect();
  }, [cursor, done, loading, error, key]);

  return (
    <section aria-labelledby="gallery-title">
      <h1 id="gallery-title">Your gallery</h1>
      <SearchForm filters={filters} />
      <ErrorAlert error={error} />
      {items.length === 0 && done && !error && (
        <p class="empty">{Object.keys(filters).length ? 'No image matches.' : <>No images yet. <Link href="/generate">Generate some</Link> or <Link href="/upload">upload one</Link>.</>}</p>
      )}
      <ul class="grid" aria-label="Images" aria-busy={loading}>
        {items.map((image) => (
          <li key={image.id} class="tile">
            <Link href={`/images/${image.id}`} aria-label={image.name}>
              <Thumb path={image.thumbUrl} alt="" width={image.width} height={image.height} />
              <span class="tile-name" aria-hidden="true">{image.favorite ? '★ ' : ''}{image.name}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div ref={sentinel} />
      {!done && !loading && !error && items.length > 0 && (
        <button type="button" onClick={() => load(cursor, false)}>Load more</button>
      )}
      {loading && <p aria-live="polite">Loading…</p>}
    </section>
  );
}

function SearchForm({ filters }: { filters: GalleryFilters }) {
  const [draft, setDraft] = useState<GalleryFilters>(filters);
  useEffect(() => setDraft(filters), [JSON.stringify(filters)]);
  const set = (key: keyof GalleryFilters) => (event: Event) => {
    const target = event.target as HTMLInputElement;
    const value = target.type === 'checkbox' ? (target.checked ? 'true' : '') : target.value;
    setDraft({ ...draft, [key]: value });
  };
  const apply = (event: Event) => {
    event.preventDefault();
    const search = new URLSearchParams();
    FILTER_KEYS.forEach((key) => draft[key] && search.set(key, draft[key]!));
    const text = search.toString();
    navigate(text ? `/?${text}` : '/');
  };
  return (
    <form class="filters" role="search" onSubmit={apply}>
      <div class="field grow">
        <label for="search-q">Search</label>
        <input id="search-q" type="search" name="q" value={draft.q ?? ''} onInput={set('q')} maxLength={200}
          placeholder="name or prompt, typos welcome" />
      </div>
      <div class="field">
        <label for="filter-style">Style</label>
        <select id="filter-style" value={draft.style ?? ''} onChange={set('style')}>
          <option value="">any</option>
          {STYLES.map((s) => <option value={s}>{s}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="filter-emotion">Emotion</label>
        <select id="filter-emotion" value={draft.emotion ?? ''} onChange={set('emotion')}>
          <option value="">any</option>
          {EMOTIONS.map((e) => <option value={e}>{e}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="filter-tag">Tag</label>
        <input id="filter-tag" value={draft.tag ?? ''} onInput={set('tag')} maxLength={40} />
      </div>
      <div class="field">
        <label for="filter-from">From</label>
        <input id="filter-from" type="date" value={draft.from ?? ''} onInput={set('from')} />
      </div>
      <div class="field">
        <label for="filter-to">To</label>
        <input id="filter-to" type="date" value={draft.to ?? ''} onInput={set('to')} />
      </div>
      <div class="field checkbox">
        <input id="filter-favorite" type="checkbox" checked={draft.favorite === 'true'} onChange={set('favorite')} />
        <label for="filter-favorite">Favourites only</label>
      </div>
      <button type="submit" class="primary">Search</button>
      {Object.keys(filters).length > 0 && <button type="button" onClick={() => navigate('/')}>Clear</button>}
    </form>
  );
}
