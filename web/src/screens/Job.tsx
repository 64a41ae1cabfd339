import { useEffect, useState } from 'preact/hooks';
import { ErrorAlert } from '../components/Alert';
import { announce } from '../components/announcer';
import { Thumb } from '../components/Thumb';
import { useTitle } from '../components/useTitle';
import { followJob } from '../jobStream';
import { api, FINISHED, type ImageItem, type Job, type JobStatus } from '../model';
import { Link } from '../router';
import { reloadCredits } from '../state';

export function StatusBadge({ status }: { status: JobStatus }) {
  return <span class={`badge status-${status}`}>{status}</span>;
}

export function JobPage({ id }: { id: string }) {
  useTitle('Job');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [canceling, setCanceling] = useState(false);

  useEffect(() => {
    let stop = () => {};
    let live = true;
    api.job(id).then((loaded) => {
      if (!live) {
        return;
      }
      setJob(loaded);
      if (!FINISHED.includes(loaded.status)) {
        stop = followJob(id, (event) => {
          setJob((current) => current && {
            ...current,
            status: event.status,
            progress: event.progress,
            imageIds: event.imageIds ?? current.imageIds,
            error: event.errorCode ? { code: event.errorCode, message: event.errorMessage ?? '' } : current.error,
          });
          if (FINISHED.includes(event.status)) {
            announce(`Job ${event.status}`);
            void reloadCredits();
          }
        }, setError);
      }
    }, setError);
    return () => {
      live = false;
      stop();
    };
  }, [id]);

  const cancel = async () => {
    setCanceling(true);
    try {
      const canceled = await api.cancel(id);
      if (canceled) {
        setJob(canceled);
      }
      void reloadCredits();
    } catch (e) {
      setError(e);
    } finally {
      setCanceling(false);
    }
  };

  if (!job) {
    return error ? <ErrorAlert error={error} /> : <p aria-busy="true">Loading…</p>;
  }
  const finished = FINISHED.includes(job.status);
  return (
    <section class="card job" aria-labelledby="job-title">
      <h1 id="job-title">{job.name || job.prompt}</h1>
      <p>
        <StatusBadge status={job.status} /> <span class="muted">{job.style} · {job.count} × {job.size} ·
          cost {job.cost} credit{job.cost === 1 ? '' : 's'}</span>
      </p>
      {!finished && (
        <>
          <label for="job-progress">Progress</label>
          <progress id="job-progress" max={100} value={job.status === 'queued' ? undefined : job.progress}>
            {job.progress} %
          </progress>
          <span class="percent" aria-hidden="true">{job.status === 'queued' ? 'Waiting for a worker…' : `${job.progress} %`}</span>
          <button type="button" onClick={cancel} disabled={canceling}>{canceling ? 'Canceling…' : 'Cancel'}</button>
        </>
      )}
      {job.status === 'failed' && job.error && <p class="alert" role="alert">Failed: {job.error.message}</p>}
      {job.status === 'canceled' && <p>Canceled. The credits it held are back.</p>}
      {job.status === 'succeeded' && (
        <JobImages jobId={job.id} expected={job.imageIds?.length ?? job.count} />
      )}
      <ErrorAlert error={error} />
      <p class="muted">Prompt: {job.prompt}</p>
      <p><Link href="/generate">New generation</Link> · <Link href="/">Gallery</Link></p>
    </section>
  );
}

/**
 * The images of a finished job. The gallery stores them moments after the job ends, so its list of the job's
 * images is polled (an empty list, not a 404) until all of them are there.
 */
function JobImages({ jobId, expected }: { jobId: string; expected: number }) {
  const [images, setImages] = useState<ImageItem[]>([]);
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const load = async (attempt: number) => {
      try {
        const page = await api.jobImages(jobId);
        if (!live) {
          return;
        }
        setImages(page.items);
        if (page.items.length < expected && attempt < 20) {
          timer = setTimeout(() => load(attempt + 1), Math.min(2000, 200 * (attempt + 1)));
        } else if (page.items.length < expected) {
          setGaveUp(true);
        }
      } catch {
        if (live) {
          setGaveUp(true);
        }
      }
    };
    void load(0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId, expected]);
  return (
    <>
      <ul class="grid" aria-label="Images of this job">
        {images.map((image) => (
          <li key={image.id} class="tile">
            <Link href={`/images/${image.id}`}>
              <Thumb path={image.thumbUrl} alt={image.name} width={image.width} height={image.height} />
              <span class="tile-name">{image.name}</span>
            </Link>
          </li>
        ))}
      </ul>
      {images.length < expected && !gaveUp && <p aria-live="polite">Adding the images to your gallery…</p>}
      {gaveUp && <p class="muted">Some images are not in the gallery yet; they will appear there shortly.</p>}
    </>
  );
}
