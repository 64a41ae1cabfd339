import { useEffect, useState } from 'preact/hooks';
import { contentUrl } from '../content';

interface Props {
  path: string | null;
  alt: string;
  className?: string;
  width?: number | null;
  height?: number | null;
}

/** An image whose bytes come from a presigned URL fetched for the given content path. */
export function Thumb({ path, alt, className, width, height }: Props) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setSrc(null);
    setFailed(false);
    if (path) {
      contentUrl(path).then((url) => live && setSrc(url), () => live && setFailed(true));
    }
    return () => {
      live = false;
    };
  }, [path]);
  if (!path || failed) {
    return <div class={`thumb-missing ${className ?? ''}`} role="img" aria-label={`${alt} (not available)`} />;
  }
  if (!src) {
    return <div class={`thumb-loading ${className ?? ''}`} role="img" aria-label={`${alt} (loading)`} />;
  }
  return <img class={className} src={src} alt={alt} loading="lazy" decoding="async"
    width={width ?? undefined} height={height ?? undefined} onError={() => setFailed(true)} />;
}
